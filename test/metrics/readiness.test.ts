import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadiness } from '../../src/metrics/index.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('createReadiness', () => {
  it('answers not ready, without hanging, when auth.test or the store never answers', async () => {
    vi.useFakeTimers();
    const never = () => new Promise<never>(() => {});
    const slackHangs = createReadiness({
      pingStore: async () => undefined,
      authTest: never,
      timeoutMs: 2_000,
    });
    const storeHangs = createReadiness({ pingStore: never, authTest: async () => ({}), timeoutMs: 2_000 });
    const checks = [slackHangs.check(), storeHangs.check()];
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await Promise.all(checks)).toEqual([
      { ready: false, reason: 'Slack auth.test has not succeeded' },
      { ready: false, reason: 'the store does not answer' },
    ]);
  });

  it('asks auth.test until it succeeds, then only again after an auth error; other errors change nothing', async () => {
    const authTest = vi.fn<() => Promise<unknown>>().mockRejectedValueOnce(new Error('invalid_auth'));
    authTest.mockResolvedValue({ ok: true });
    const readiness = createReadiness({ pingStore: async () => undefined, authTest });
    expect((await readiness.check()).ready).toBe(false);
    expect((await readiness.check()).ready).toBe(true);
    expect((await readiness.check()).ready).toBe(true);
    expect(authTest).toHaveBeenCalledTimes(2);
    readiness.noteSlackError('channel_not_found');
    await readiness.check();
    expect(authTest).toHaveBeenCalledTimes(2);
    readiness.noteSlackError('token_revoked');
    await readiness.check();
    expect(authTest).toHaveBeenCalledTimes(3);
  });

  it('shares one auth.test between probes that arrive together', async () => {
    let answer: (value: unknown) => void = () => {};
    const authTest = vi.fn(() => new Promise((resolve) => (answer = resolve)));
    const readiness = createReadiness({ pingStore: async () => undefined, authTest });
    const probes = [readiness.check(), readiness.check()];
    answer({ ok: true });
    expect(await Promise.all(probes)).toEqual([{ ready: true }, { ready: true }]);
    expect(authTest).toHaveBeenCalledTimes(1);
  });
});
