import { DriverError } from './errors.ts';
import type { FakeSlack } from './fake-slack.ts';
import { type JsonObject, objectOf, tryParseJson } from './json.ts';
import { signRequest } from './signing.ts';
import type { EnvelopeType } from './socket-mode.ts';

/** How the Slack client reaches the app: signed HTTP posts, or envelopes over Socket Mode. */
export type TransportKind = 'http' | 'socket';

/** The app's acknowledgement of one request. */
export interface Ack {
  /** HTTP status (200 for a Socket Mode ack). */
  status: number;
  /** The ack body as Slack reads it: JSON, plain text as `{text}`, empty as undefined. */
  body: JsonObject | undefined;
  /** Time from sending to the ack (Slack's budget is 3000 ms). */
  ackMs: number;
}

/** A raw HTTP answer (security tests). */
export interface RawResult {
  status: number;
  text: string;
}

export interface TransportOptions {
  fake: FakeSlack;
  kind: TransportKind;
  /** `http://127.0.0.1:P/slack/events`; required for 'http' and for raw posts. */
  botUrl: string | undefined;
  signingSecret: string;
  /** Slack's ack budget; slower acks are recorded as violations (default 3000 ms). */
  ackBudgetMs: number;
}

/** Sends requests to the app the way Slack does and measures the ack. */
export interface Transport {
  send(type: EnvelopeType, payload: object, form: string, acceptsResponsePayload: boolean): Promise<Ack>;
  postRaw(body: string, headers: Record<string, string>): Promise<RawResult>;
  /** An Events API callback (`event_callback`): signed JSON over HTTP, an `events_api` envelope over Socket Mode. */
  event(payload: object): Promise<{ status: number }>;
}

function readAck(text: string, contentType: string | null): JsonObject | undefined {
  if (text === '') return undefined;
  // NOTE: Bolt writes a string ack (`ack('Opening…')`) raw without a content type; Slack shows it as text.
  if ((contentType ?? '').includes('application/json')) return objectOf(tryParseJson(text));
  return { text };
}

/** Creates the transport for a driver. */
export function createTransport(options: TransportOptions): Transport {
  const { fake, kind, botUrl, signingSecret, ackBudgetMs } = options;
  const postRaw = async (body: string, headers: Record<string, string>): Promise<RawResult> => {
    if (botUrl === undefined) throw new DriverError('botUrl is required to post over HTTP');
    const res = await fetch(botUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) });
    return { status: res.status, text: await res.text() };
  };
  const deliver = async (type: EnvelopeType, payload: object, form: string, accepts: boolean) => {
    if (kind === 'http') {
      if (botUrl === undefined) throw new DriverError('botUrl is required for the http transport');
      const res = await fetch(botUrl, {
        method: 'POST',
        headers: { ...signRequest(signingSecret, form) },
        body: form,
        signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, body: readAck(await res.text(), res.headers.get('content-type')) };
    }
    const ack = await fake.socket.send(type, { ...payload }, { acceptsResponsePayload: accepts });
    const body = ack.payload !== undefined && Object.keys(ack.payload).length > 0 ? ack.payload : undefined;
    return { status: 200, body };
  };
  return {
    postRaw,
    event: async (payload) => {
      if (kind !== 'http') {
        await fake.socket.send('events_api', { ...payload }, { acceptsResponsePayload: false });
        return { status: 200 };
      }
      const body = JSON.stringify(payload);
      const res = await postRaw(body, {
        ...signRequest(signingSecret, body),
        'content-type': 'application/json',
      });
      return { status: res.status };
    },
    send: async (type, payload, form, accepts) => {
      const started = performance.now();
      const { status, body } = await deliver(type, payload, form, accepts);
      const ackMs = performance.now() - started;
      const where = `ack:${type}`;
      if (ackMs > ackBudgetMs) {
        fake.recordViolations(where, [
          `[ERROR] ack after ${Math.round(ackMs)} ms; Slack gives up after ${ackBudgetMs} ms`,
        ]);
      }
      if (status !== 200)
        fake.recordViolations(where, [`[ERROR] app answered HTTP ${status}; Slack shows an error`]);
      return { status, body, ackMs };
    },
  };
}
