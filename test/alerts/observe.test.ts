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
  TEAM,
} from './helpers.ts';

const ACCOUNT = '2500001';

async function setup() {
  const store = await memoryStore();
  const endicia = fakeEndicia();
  const notes = fakeNotifier();
  const clock = manualClock();
  await seed(store, { U1: login(ACCOUNT), U9: login('2599999') }, [
    subscription({ channelId: 'C1' }),
    subscription({ channelId: 'C2', thresholdMils: 30_000 }),
    subscription({ channelId: 'C9', ownerUserId: 'U9', accountId: '2599999' }),
  ]);
  const monitor = monitorFor({
    alerts: store.alerts,
    store,
    endicia: endicia.endicia,
    notifier: notes.notifier,
    now: clock.now,
  });
  return { store, endicia, notes, clock, monitor };
}

describe('observeBalance (a wizard reading counts as a check)', () => {
  it('applies the transition to every subscription on that account without calling Endicia', async () => {
    const { store, endicia, notes, clock, monitor } = await setup();
    clock.advance(1_000);
    await monitor.observeBalance({
      source: 'login',
      teamId: TEAM,
      accountId: ACCOUNT,
      balanceMils: 40_000,
      at: clock.now(),
    });
    expect(endicia.calls).toHaveLength(0);
    expect(notes.posted.map((post) => post.channelId)).toEqual(['C1']);
    expect(await store.alerts.get(TEAM, 'C1')).toMatchObject({
      state: 'alerted',
      lastBalanceMils: 40_000,
      lastCheckedAt: clock.now().toISOString(),
    });
    expect(await store.alerts.get(TEAM, 'C2')).toMatchObject({ state: 'armed', lastBalanceMils: 40_000 });
    expect(await store.alerts.get(TEAM, 'C9')).toMatchObject({ lastBalanceMils: null });
  });

  it('a sweep after the reading does not repeat the alert; a purchase reading recovers it', async () => {
    const { endicia, notes, clock, monitor } = await setup();
    await monitor.observeBalance({
      source: 'login',
      teamId: TEAM,
      accountId: ACCOUNT,
      balanceMils: 40_000,
      at: clock.now(),
    });
    endicia.balances.set(ACCOUNT, 40_000).set('2599999', 90_000);
    clock.advance(60_000);
    expect((await monitor.sweep()).alerts).toBe(0);
    clock.advance(60_000);
    await monitor.observeBalance({
      source: 'login',
      teamId: TEAM,
      accountId: ACCOUNT,
      balanceMils: 140_000,
      at: clock.now(),
    });
    expect(notes.posted).toHaveLength(1);
    expect(notes.recovered).toEqual([{ channelId: 'C1', ts: '1700000000.000001', balanceMils: 140_000 }]);
  });

  it('a reading older than the last check is ignored (a slow call never undoes a newer balance)', async () => {
    const { store, notes, clock, monitor } = await setup();
    const old = clock.now();
    clock.advance(60_000);
    await monitor.observeBalance({
      source: 'login',
      teamId: TEAM,
      accountId: ACCOUNT,
      balanceMils: 90_000,
      at: clock.now(),
    });
    await monitor.observeBalance({
      source: 'login',
      teamId: TEAM,
      accountId: ACCOUNT,
      balanceMils: 10_000,
      at: old,
    });
    expect(notes.posted).toHaveLength(0);
    expect(await store.alerts.get(TEAM, 'C1')).toMatchObject({ state: 'armed', lastBalanceMils: 90_000 });
  });

  it('simultaneous readings and a sweep alert each channel exactly once', async () => {
    const { endicia, notes, clock, monitor } = await setup();
    endicia.balances.set(ACCOUNT, 10_000).set('2599999', 90_000);
    const reading = {
      source: 'login' as const,
      teamId: TEAM,
      accountId: ACCOUNT,
      balanceMils: 10_000,
      at: clock.now(),
    };
    await Promise.all([monitor.observeBalance(reading), monitor.observeBalance(reading), monitor.sweep()]);
    expect(notes.posted.map((post) => post.channelId).sort()).toEqual(['C1', 'C2']);
  });

  it("reads only that account's subscriptions, never the whole list (each one read is decrypted)", async () => {
    const { store, endicia, notes, clock } = await setup();
    const asked: string[] = [];
    const alerts = {
      ...store.alerts,
      list: () => {
        asked.push('list');
        return store.alerts.list();
      },
      listByAccount: (teamId: string, accountId: string) => {
        asked.push(`listByAccount ${teamId} ${accountId}`);
        return store.alerts.listByAccount(teamId, accountId);
      },
    };
    const monitor = monitorFor({
      alerts,
      store,
      endicia: endicia.endicia,
      notifier: notes.notifier,
      now: clock.now,
    });
    await monitor.observeBalance({
      source: 'login',
      teamId: TEAM,
      accountId: ACCOUNT,
      balanceMils: 40_000,
      at: clock.now(),
    });
    expect(asked).toEqual([`listByAccount ${TEAM} ${ACCOUNT}`]);
    expect(notes.posted.map((post) => post.channelId)).toEqual(['C1']);
  });

  it('never rejects, even when the store fails (the wizard calls it fire-and-forget)', async () => {
    const { store, clock, monitor } = await setup();
    await store.close();
    await expect(
      monitor.observeBalance({
        source: 'login',
        teamId: TEAM,
        accountId: ACCOUNT,
        balanceMils: 1,
        at: clock.now(),
      }),
    ).resolves.toBeUndefined();
  });
});
