import type { FakeIdentity } from './api-context.ts';
import type { RateLimitOptions } from './faults.ts';
import type { ChannelRefusal, EphemeralMessage, PostedMessage } from './message-store.ts';
import type { RecordedCall, Violation } from './recorder.ts';
import type { FakeSocketMode } from './socket-mode.ts';
import type { UserKey } from './user-key.ts';
import type { ViewStore } from './view-store.ts';
import type { NotYet, WaitForOptions } from './wait-for.ts';
import type { Workspaces } from './workspaces.ts';

/** Options for `startFakeSlack`; every field has a test-friendly default. */
export interface FakeSlackOptions {
  /** Injected clock (ms) for trigger expiry, message ts and response URL expiry. Default `Date.now`. */
  now?: () => number;
  /** Workspace/app/bot ids the fake reports (defaults `T0FAKE`, `A0FAKE`, `B0FAKE`, `U0FAKEBOT`). */
  teamId?: string;
  appId?: string;
  botId?: string;
  botUserId?: string;
  /** Exact bot token to accept; default: any `xoxb-…`. */
  botToken?: string;
  /** Exact app-level token to accept for apps.connections.open; default: any `xapp-…`. */
  appToken?: string;
  /** Trigger lifetime; Slack's is 3000 ms. */
  triggerTtlMs?: number;
}

/** A running fake Slack: Web API + Socket Mode + response URLs, with everything recorded. */
export interface FakeSlack {
  /** `http://127.0.0.1:PORT/api/` — Bolt `clientOptions.slackApiUrl` / `SLACK_API_URL`. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  readonly identity: FakeIdentity;
  /** Every Web API call, oldest first, with decoded args and the fake's answer. */
  readonly calls: readonly RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Block Kit limit breaches and protocol misuse; e2e tests assert this stays empty. */
  readonly violations: readonly Violation[];
  recordViolations(where: string, messages: readonly string[]): void;
  /** Modal state: stacks per person, lookups by id/external id (the single source of truth). */
  readonly views: ViewStore;
  /** Messages per channel, as they currently read (after chat.update). */
  readonly messages: ReadonlyMap<string, readonly PostedMessage[]>;
  messagesIn(channel: string): readonly PostedMessage[];
  readonly ephemerals: readonly EphemeralMessage[];
  /** A trigger id for this person, valid for 3 s (injected clock) and usable once. */
  issueTriggerId(key: UserKey): string;
  /** Makes chat.* calls in `channel` fail with Slack's error for that refusal. */
  refuseChannel(channel: string, reason: ChannelRefusal): void;
  acceptChannel(channel: string): void;
  /** The next `times` calls of `method` answer HTTP 429 with `Retry-After: retryAfterSec`. */
  rateLimit(method: string, options: RateLimitOptions): void;
  /** The next call(s) of `method` answer `{ok:false, error}`. */
  failNext(method: string, error: string, times?: number): void;
  /** A new `http://127.0.0.1:PORT/response/<id>` URL; JSON posted to it is kept (5 uses, 30 min). */
  newResponseUrl(): string;
  /** Bodies posted to a response URL (pass the URL or its id). */
  responses(urlOrId: string): readonly unknown[];
  /** Resolves with the first truthy `probe(fake)`, re-checked on every change; default timeout 10 s. */
  waitFor<T>(probe: (fake: FakeSlack) => T | NotYet, options?: WaitForOptions): Promise<T>;
  /** Wakes waiters after a change made outside the server (the driver typing into a view). */
  changed(): void;
  readonly socket: FakeSocketMode;
  /** OAuth installs (codes, a token per workspace, revocation) and who belongs to which workspace. */
  readonly workspaces: Workspaces;
  /** Forgets calls, views, messages, triggers, faults and responses (connections stay). */
  reset(): void;
  close(): Promise<void>;
}
