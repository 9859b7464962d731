import { describe, expect, it } from 'vitest';
import {
  fakeEndicia,
  fakeNotifier,
  login,
  manualClock,
  memoryStore,
  monitorFor,
  seed,
  subscription,
  T0,
  TEAM,
} from './helpers.ts';

const ACCOUNT = '2500001';

describe('sweep readings', () => {
  it('every balance a sweep reads is kept with source sweep (one per account, not per channel)', async () => {
    const store = await memoryStore();
    const endicia = fakeEndicia();
    const clock = manualClock();
    await seed(store, { U1: login(ACCOUNT) }, [
      subscription({ channelId: 'C1' }),
      subscription({ channelId: 'C2' }),
    ]);
    const monitor = monitorFor({
      alerts: store.alerts,
      store,
      endicia: endicia.endicia,
      notifier: fakeNotifier().notifier,
      now: clock.now,
      balanceReadings: store.balanceReadings,
    });
    endicia.balances.set(ACCOUNT, 80_000);
    await monitor.sweep();
    clock.advance(900_000);
    endicia.balances.set(ACCOUNT, 70_000);
    await monitor.sweep();
    const kept = await store.balanceReadings.listSince(TEAM, ACCOUNT, T0.toISOString());
    expect(kept).toEqual([
      { teamId: TEAM, accountId: ACCOUNT, balanceMils: 80_000, readAt: T0.toISOString(), source: 'sweep' },
      {
        teamId: TEAM,
        accountId: ACCOUNT,
        balanceMils: 70_000,
        readAt: new Date(T0.getTime() + 900_000).toISOString(),
        source: 'sweep',
      },
    ]);
  });

  it('a reading that cannot be kept does not stop the alert', async () => {
    const store = await memoryStore();
    const endicia = fakeEndicia();
    const notes = fakeNotifier();
    await seed(store, { U1: login(ACCOUNT) }, [subscription({ channelId: 'C1' })]);
    const monitor = monitorFor({
      alerts: store.alerts,
      store,
      endicia: endicia.endicia,
      notifier: notes.notifier,
      now: manualClock().now,
      balanceReadings: { add: async () => Promise.reject(new Error('disk full')) },
    });
    endicia.balances.set(ACCOUNT, 10_000);
    expect((await monitor.sweep()).alerts).toBe(1);
  });
});
