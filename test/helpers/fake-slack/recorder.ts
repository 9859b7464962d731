import type { JsonObject } from './json.ts';
import type { Subscribe } from './wait-for.ts';

/** One Web API call as the fake received and answered it. */
export interface RecordedCall {
  readonly method: string;
  /** Form fields, with JSON fields (`view`, `blocks`, …) decoded. */
  readonly args: JsonObject;
  /** The bearer token (tests check which token was used; never a user secret). */
  readonly token: string | undefined;
  /** Injected-clock time of the call (ms). */
  readonly at: number;
  /** HTTP status the fake answered (200, or 429 when rate limited). */
  status: number;
  /** The JSON body the fake answered. */
  response: JsonObject;
}

/** Something Slack would reject or warn about; e2e tests assert none happened. */
export interface Violation {
  /** Where it happened: a method name, or `view_submission:update` etc. for ack bodies. */
  readonly where: string;
  /** Slack-style message: `[ERROR] … [json-pointer:…]` or `[WARN] …`. */
  readonly message: string;
}

/** The fake's log of calls and violations, with change notification for waitFor. */
export interface Recorder {
  readonly calls: RecordedCall[];
  readonly violations: Violation[];
  record(call: RecordedCall): void;
  violate(where: string, messages: readonly string[]): void;
  /** Tells waiters that state changed (views, messages, responses, acks). */
  changed(): void;
  subscribe: Subscribe;
  reset(): void;
}

/** Creates an empty recorder. */
export function createRecorder(): Recorder {
  const calls: RecordedCall[] = [];
  const violations: Violation[] = [];
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of [...listeners]) listener();
  };
  return {
    calls,
    violations,
    record: (call) => {
      calls.push(call);
      changed();
    },
    violate: (where, messages) => {
      for (const message of messages) violations.push({ where, message });
      if (messages.length > 0) changed();
    },
    changed,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset: () => {
      calls.length = 0;
      violations.length = 0;
    },
  };
}
