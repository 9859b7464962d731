import type { FakeSlack } from './fake-slack.ts';
import { createSlackUser, type SlackUser, type SlackUserIdentity } from './slack-user.ts';
import { createTransport, type TransportKind } from './transport.ts';

export interface SlackDriverOptions {
  fake: FakeSlack;
  /** The app's events endpoint, e.g. `http://127.0.0.1:P/slack/events` (needed for http and raw posts). */
  botUrl?: string;
  signingSecret: string;
  /** 'http' (signed posts, default) or 'socket' (envelopes through the fake's Socket Mode). */
  transport?: TransportKind;
  /** Acks slower than this are recorded as violations (default Slack's 3000 ms). */
  ackBudgetMs?: number;
}

/** Plays the Slack client for tests and the benchmark: one `SlackUser` per simulated person. */
export interface SlackDriver {
  readonly transport: TransportKind;
  user(identity: SlackUserIdentity): SlackUser;
}

/** Creates a driver bound to a fake Slack and an app (HTTP endpoint or Socket Mode). */
export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const kind = options.transport ?? 'http';
  const transport = createTransport({
    fake: options.fake,
    kind,
    botUrl: options.botUrl,
    signingSecret: options.signingSecret,
    ackBudgetMs: options.ackBudgetMs ?? 3000,
  });
  return {
    transport: kind,
    user: (identity) => createSlackUser(options.fake, transport, options.signingSecret, identity),
  };
}
