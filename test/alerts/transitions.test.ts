import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.ts';
import {
  fakeEndicia,
  fakeNotifier,
  login,
  manualClock,
  memoryStore,
  monitorFor,
  seed,
  subscription,
  TEAM,
} from './helpers.ts';

const ACCOUNT = '2500001';

async function setup(channels = ['C1']) {
  const store = await memoryStore();
  const endicia = fakeEndicia();
  const notes = fakeNotifier();
  const clock = manualClock();
  await seed(
    store,
    { U1: login(ACCOUNT) },
    channels.map((channelId) => subscription({ channelId })),
  );
  const monitor = monitorFor({
    alerts: store.alerts,
    store,
    endicia: endicia.endicia,
    notifier: notes.notifier,
    now: clock.now,
  });
  /** Sets the balance, moves the clock on and sweeps. */
  const sweepAt = async (balanceMils: number) => {
    endicia.balances.set(ACCOUNT, balanceMils);
    clock.advance(900_000);
    return monitor.sweep();
  };
  return { store, endicia, notes, clock, monitor, sweepAt };
}

describe('alert monitor transitions', () => {
  it('crossing below the threshold posts one alert and remembers it', async () => {
    const { store, notes, sweepAt } = await setup();
    expect((await sweepAt(80_000)).alerts).toBe(0);
    const report = await sweepAt(40_000);
    expect(report).toMatchObject({ accounts: 1, statusCalls: 1, alerts: 1, recoveries: 0, errors: 0 });
    expect(notes.posted).toEqual([
      { channelId: 'C1', accountId: ACCOUNT, balanceMils: 40_000, thresholdMils: 50_000 },
    ]);
    expect(await store.alerts.get(TEAM, 'C1')).toMatchObject({
      state: 'alerted',
      alertMessageTs: '1700000000.000001',
      lastBalanceMils: 40_000,
    });
  });

  it('staying low posts nothing more over several sweeps, but keeps the balance current', async () => {
    const { store, notes, sweepAt } = await setup();
    await sweepAt(40_000);
    for (const balance of [30_000, 20_000, 49_999]) expect((await sweepAt(balance)).alerts).toBe(0);
    expect(notes.posted).toHaveLength(1);
    expect(await store.alerts.get(TEAM, 'C1')).toMatchObject({ state: 'alerted', lastBalanceMils: 49_999 });
  });

  it('recovering edits the alert once and re-arms; falling again posts a new alert', async () => {
    const { store, notes, sweepAt } = await setup();
    await sweepAt(40_000);
    const recovery = await sweepAt(50_000);
    expect(recovery.recoveries).toBe(1);
    expect(notes.recovered).toEqual([{ channelId: 'C1', ts: '1700000000.000001', balanceMils: 50_000 }]);
    expect(await store.alerts.get(TEAM, 'C1')).toMatchObject({ state: 'armed', alertMessageTs: null });

    expect((await sweepAt(90_000)).recoveries).toBe(0);
    expect(notes.recovered).toHaveLength(1);

    expect((await sweepAt(10_000)).alerts).toBe(1);
    expect(notes.posted.map((post) => post.balanceMils)).toEqual([40_000, 10_000]);
    expect(await store.alerts.get(TEAM, 'C1')).toMatchObject({
      state: 'alerted',
      alertMessageTs: '1700000000.000002',
    });
  });

  it('several channels on one account: one status call per sweep, each channel alerted once', async () => {
    const { endicia, notes, sweepAt } = await setup(['C1', 'C2', 'C3']);
    const first = await sweepAt(10_000);
    expect(first).toMatchObject({ accounts: 1, statusCalls: 1, alerts: 3 });
    const second = await sweepAt(5_000);
    expect(second).toMatchObject({ statusCalls: 1, alerts: 0 });
    expect(endicia.calls).toHaveLength(2);
    expect(notes.posted.map((post) => post.channelId).sort()).toEqual(['C1', 'C2', 'C3']);
  });

  it('a post that fails re-arms, so the next check tries again instead of losing the alert', async () => {
    const { store, notes, sweepAt } = await setup();
    notes.failPosts(true);
    expect(await sweepAt(10_000)).toMatchObject({ alerts: 0, errors: 1 });
    expect(await store.alerts.get(TEAM, 'C1')).toMatchObject({ state: 'armed', lastBalanceMils: 10_000 });
    notes.failPosts(false);
    expect((await sweepAt(10_000)).alerts).toBe(1);
    expect(notes.posted).toHaveLength(1);
  });

  it('an Endicia outage keeps the state and tries again next sweep', async () => {
    const { store, endicia, notes, sweepAt } = await setup();
    await sweepAt(10_000);
    endicia.failures.set(ACCOUNT, new Error('socket hang up'));
    expect(await sweepAt(90_000)).toMatchObject({ statusCalls: 1, errors: 1, recoveries: 0 });
    expect(await store.alerts.get(TEAM, 'C1')).toMatchObject({ state: 'alerted', lastBalanceMils: 10_000 });
    endicia.failures.clear();
    expect((await sweepAt(90_000)).recoveries).toBe(1);
    expect(notes.recovered).toHaveLength(1);
  });

  it('a subscription deleted while its alert was posting is not brought back', async () => {
    const { store, endicia, notes, clock, monitor } = await setup();
    const { postAlert } = notes.notifier;
    notes.notifier.postAlert = async (sub, balance) => {
      await store.alerts.delete(TEAM, 'C1');
      return postAlert(sub, balance);
    };
    endicia.balances.set(ACCOUNT, 10_000);
    clock.advance(1);
    await monitor.sweep();
    expect(await store.alerts.get(TEAM, 'C1')).toBeUndefined();
  });

  it('subscriptions whose owner forgot the account, or remembers another, are skipped (logged once)', async () => {
    const store = await memoryStore();
    const endicia = fakeEndicia();
    const lines: string[] = [];
    await seed(store, { U3: login('2599999') }, [
      subscription({ channelId: 'C2', ownerUserId: 'U2' }),
      subscription({ channelId: 'C3', ownerUserId: 'U3' }),
    ]);
    endicia.balances.set(ACCOUNT, 10_000);
    const monitor = monitorFor({
      alerts: store.alerts,
      store,
      endicia: endicia.endicia,
      notifier: fakeNotifier().notifier,
      now: manualClock().now,
      logger: createLogger({ write: (line) => lines.push(line) }),
    });
    for (let i = 0; i < 3; i += 1)
      expect(await monitor.sweep()).toMatchObject({ accounts: 0, statusCalls: 0 });
    expect(endicia.calls).toHaveLength(0);
    expect(await store.alerts.get(TEAM, 'C2')).toMatchObject({ state: 'armed', lastCheckedAt: null });
    const skips = lines
      .map((line) => JSON.parse(line))
      .filter((record) => String(record.msg).includes('skipped'));
    expect(skips.map((record) => [record.channelId, record.reason]).sort()).toEqual([
      ['C2', 'no-credentials'],
      ['C3', 'other-account'],
    ]);
  });
});
