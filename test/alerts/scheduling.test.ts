import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeEndicia, fakeNotifier, login, memoryStore, monitorFor, seed, subscription } from './helpers.ts';

/** Lets every pending promise chain run (real setImmediate: only setTimeout and Date are faked). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1_000 && !check(); i += 1) await new Promise((resolve) => setImmediate(resolve));
  if (!check()) throw new Error(`never happened: ${what}`);
}

async function accounts(n: number) {
  const store = await memoryStore();
  const endicia = fakeEndicia();
  const ids = Array.from({ length: n }, (_, i) => String(2_600_000 + i));
  for (const [i, accountId] of ids.entries()) {
    endicia.balances.set(accountId, 90_000);
    await seed(store, { [`U${i}`]: login(accountId) }, [
      subscription({ channelId: `C${i}`, ownerUserId: `U${i}`, accountId }),
    ]);
  }
  const deps = {
    alerts: store.alerts,
    store,
    endicia: endicia.endicia,
    notifier: fakeNotifier().notifier,
    now: () => new Date(),
  };
  return { store, endicia, deps };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-03-01T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('alert monitor scheduling', () => {
  it('start() sweeps after a short delay, then every interval; stop() ends the loop', async () => {
    const { endicia, deps } = await accounts(1);
    const monitor = monitorFor({ ...deps, intervalMs: 900_000 });
    monitor.start();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(endicia.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => endicia.calls.length === 1, 'first sweep');
    await vi.advanceTimersByTimeAsync(899_999);
    expect(endicia.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => endicia.calls.length === 2, 'second sweep');
    await monitor.stop();
    await vi.advanceTimersByTimeAsync(5 * 900_000);
    expect(endicia.calls).toHaveLength(2);
  });

  it('keeps at most `concurrency` status calls in flight', async () => {
    vi.useRealTimers();
    const { endicia, deps } = await accounts(10);
    const monitor = monitorFor({ ...deps, concurrency: 3 });
    const open = endicia.hold();
    const sweep = monitor.sweep();
    await until(() => endicia.calls.length === 3, 'three calls started');
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(endicia.calls).toHaveLength(3);
    open();
    expect(await sweep).toMatchObject({ accounts: 10, statusCalls: 10, errors: 0 });
    expect(endicia.peak).toBe(3);
  });

  it('spreads a sweep over spreadMs, deterministically, instead of calling everyone at t=0', async () => {
    const { endicia, deps } = await accounts(20);
    const monitor = monitorFor({ ...deps, spreadMs: 60_000 });
    const offsets = async () => {
      const start = Date.now();
      endicia.calls.length = 0;
      const sweep = monitor.sweep();
      await vi.advanceTimersByTimeAsync(60_000);
      await sweep;
      return new Map(endicia.calls.map((call) => [call.accountId, call.at - start]));
    };
    const first = await offsets();
    expect(first.size).toBe(20);
    const times = [...first.values()];
    expect(Math.max(...times)).toBeLessThan(60_000);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(20_000);
    expect(times.filter((at) => at === 0).length).toBeLessThanOrEqual(1);
    expect(await offsets()).toEqual(first);
  });

  it('stop() skips calls not yet started and waits for the ones in flight', async () => {
    const { endicia, deps } = await accounts(20);
    const monitor = monitorFor({ ...deps, spreadMs: 60_000, concurrency: 1 });
    const sweep = monitor.sweep();
    await vi.advanceTimersByTimeAsync(30_000);
    const started = endicia.calls.length;
    expect(started).toBeGreaterThan(0);
    expect(started).toBeLessThan(20);
    await monitor.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await sweep).statusCalls).toBe(started);
    expect(endicia.calls).toHaveLength(started);
  });

  it('a sweep asked for while one runs joins it (still one call per account)', async () => {
    vi.useRealTimers();
    const { endicia, deps } = await accounts(2);
    const monitor = monitorFor(deps);
    const [a, b] = await Promise.all([monitor.sweep(), monitor.sweep()]);
    expect(a).toBe(b);
    expect(endicia.calls).toHaveLength(2);
  });
});
