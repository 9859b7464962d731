import { randomBytes } from 'node:crypto';

/** Id and timestamp factories for one fake instance: deterministic counters plus Slack-like formats. */
export interface IdFactory {
  /** `V…` view id. */
  viewId(): string;
  /** A view hash; a new one on every update. */
  viewHash(): string;
  /** `123.456.hex` trigger id (same shape as Slack's). */
  triggerId(): string;
  /** `D…` (one user) or `G…` (several) conversation id. */
  conversationId(multi: boolean): string;
  /** Message ts `seconds.micros`, strictly increasing even when the clock stands still. */
  messageTs(): string;
  /** Opaque id for response URLs and socket tickets. */
  token(): string;
}

/** Creates the id factory; `now` is the fake's injected clock (ms). */
export function createIds(now: () => number): IdFactory {
  let counter = 0;
  let lastTsMicros = 0;
  const next = (): number => {
    counter += 1;
    return counter;
  };
  const base36 = (n: number, width: number): string => n.toString(36).toUpperCase().padStart(width, '0');

  return {
    viewId: () => `V${base36(next(), 10)}`,
    viewHash: () => `${Math.floor(now() / 1000)}.${base36(next(), 8)}`,
    triggerId: () => `${next()}.${Math.floor(now() / 1000)}.${randomBytes(16).toString('hex')}`,
    conversationId: (multi) => `${multi ? 'G' : 'D'}${base36(next(), 10)}`,
    messageTs: () => {
      lastTsMicros = Math.max(Math.floor(now()) * 1000, lastTsMicros + 1);
      const seconds = Math.floor(lastTsMicros / 1_000_000);
      const micros = lastTsMicros % 1_000_000;
      return `${seconds}.${String(micros).padStart(6, '0')}`;
    },
    token: () => `${base36(next(), 6)}${randomBytes(6).toString('hex')}`,
  };
}
