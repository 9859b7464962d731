import type { Faults } from './faults.ts';
import type { IdFactory } from './ids.ts';
import type { JsonObject } from './json.ts';
import type { MessageStore } from './message-store.ts';
import type { Recorder } from './recorder.ts';
import type { TriggerBook } from './triggers.ts';
import type { ViewStore } from './view-store.ts';
import type { Workspaces } from './workspaces.ts';

/** Who the fake says the app is (auth.test, views, messages). */
export interface FakeIdentity {
  teamId: string;
  appId: string;
  botId: string;
  botUserId: string;
}

/** Tokens the fake accepts; by default any token with the right prefix (xoxb-, xapp-). */
export interface TokenPolicy {
  botToken?: string;
  appToken?: string;
}

/** Everything a Web API method handler may touch. */
export interface ApiContext {
  readonly ids: IdFactory;
  readonly now: () => number;
  readonly identity: FakeIdentity;
  readonly views: ViewStore;
  readonly triggers: TriggerBook;
  readonly messages: MessageStore;
  readonly recorder: Recorder;
  readonly faults: Faults;
  readonly policy: TokenPolicy;
  /** OAuth installs: tokens per workspace, and which workspace an id belongs to. */
  readonly workspaces: Workspaces;
  /** A fresh `ws://…/socket?ticket=…` URL for apps.connections.open. */
  readonly socketUrl: () => string;
}

/** A Web API method: decoded arguments in, Slack's JSON answer out. */
export type MethodHandler = (args: JsonObject, ctx: ApiContext) => JsonObject;

/** `{ok:false, error}` with optional `response_metadata.messages`, as Slack answers failures. */
export function fail(error: string, messages?: readonly string[]): JsonObject {
  return messages === undefined || messages.length === 0
    ? { ok: false, error }
    : { ok: false, error, response_metadata: { messages: [...messages] } };
}

/** Only the `[ERROR]` messages (warnings do not make Slack refuse a call). */
export function errorsIn(messages: readonly string[]): string[] {
  return messages.filter((m) => m.startsWith('[ERROR]'));
}
