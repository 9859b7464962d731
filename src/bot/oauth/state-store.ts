import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type InstallURLOptions, InvalidStateError, type StateStore } from '@slack/oauth';
import type { OnceStore } from '../../store/index.ts';

/** How long an install link's state is good for. */
export const STATE_TTL_MS = 10 * 60 * 1000;

/**
 * The OAuth `state`: the install options, when and a nonce, signed with SLACK_STATE_SECRET
 * (HMAC-SHA256), good for 10 minutes and ONCE across every instance (@slack/oauth's default store
 * accepts a state again until it expires). A forged, expired or replayed state throws
 * InvalidStateError, which ends the flow on the failure page with nothing stored.
 *
 * `now` is ours, not the installer's (it passes its own `new Date()`), so tests can age a state.
 */
export function createOnceStateStore(options: {
  secret: string;
  once: OnceStore;
  now: () => Date;
  ttlMs?: number;
}): StateStore {
  const ttlMs = options.ttlMs ?? STATE_TTL_MS;
  const sign = (body: string) => createHmac('sha256', options.secret).update(body).digest('base64url');
  return {
    async generateStateParam(installOptions) {
      const body = Buffer.from(
        JSON.stringify({ o: installOptions, t: options.now().getTime(), n: randomBytes(16).toString('hex') }),
      ).toString('base64url');
      return `${body}.${sign(body)}`;
    },
    async verifyStateParam(_installerNow, state) {
      const [body = '', signature = '', ...rest] = state.split('.');
      const expected = Buffer.from(sign(body));
      const given = Buffer.from(signature);
      if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new InvalidStateError('the state was not signed by this app');
      const payload = parse(body);
      const age = options.now().getTime() - payload.t;
      if (age > ttlMs || age < -60_000) throw new InvalidStateError('the state has expired');
      const digest = createHash('sha256').update(state).digest('hex');
      if (!(await options.once.claim(`oauth-state:${digest}`, ttlMs + 60_000)))
        throw new InvalidStateError('the state was already used');
      return payload.o;
    },
  };
}

function parse(body: string): { o: InstallURLOptions; t: number } {
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { o?: unknown; t?: unknown };
    if (typeof value.t === 'number' && typeof value.o === 'object' && value.o !== null)
      return { o: value.o as InstallURLOptions, t: value.t };
  } catch {
    // fall through: a signed but unreadable state is still refused
  }
  throw new InvalidStateError('the state is unreadable');
}
