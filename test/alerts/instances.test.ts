import { describe, expect, it } from 'vitest';
import { createAlertMonitor } from '../../src/alerts/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createRememberedLogins } from '../../src/never-lock/index.ts';
import type { Store } from '../../src/store/index.ts';
import { fakeEndicia, fakeNotifier, login, memoryStore, seed, subscription, TEAM } from './helpers.ts';

// Three instances = three monitors, each with its own never-lock module, over one store.
const INTERVAL_MS = 400;

function monitors(
  store: Store,
  endicia: ReturnType<typeof fakeEndicia>,
  told: ReturnType<typeof fakeNotifier>,
) {
  return ['A', 'B', 'C'].map((instanceId) =>
    createAlertMonitor({
      alerts: store.alerts,
      endicia: endicia.endicia,
      notifier: told.notifier,
      logger: silentLogger,
      now: () => new Date(),
      intervalMs: INTERVAL_MS,
      spreadMs: 0,
      shared: { leases: store.leases, instanceId },
      remembered: createRememberedLogins({
        credentials: store.credentials,
        guards: store.accountGuards,
        alerts: store.alerts,
        notifier: told.notifier,
        logger: silentLogger,
        now: () => new Date(),
        shared: { leases: store.leases, once: store.once, instanceId, leaseTtlMs: 30_000, waitMs: 30_000 },
      }),
    }),
  );
}

describe('alert sweeps across instances', () => {
  it('one status call per account per interval in total, one alert per crossing, one edit per recovery', async () => {
    const store = await memoryStore();
    await seed(store, { U1: login('2500001'), U2: login('2600002') }, [
      subscription({ channelId: 'C1', ownerUserId: 'U1', accountId: '2500001' }),
      subscription({ channelId: 'C2', ownerUserId: 'U1', accountId: '2500001', thresholdMils: 90_000 }),
      subscription({ channelId: 'C3', ownerUserId: 'U2', accountId: '2600002' }),
    ]);
    const endicia = fakeEndicia();
    endicia.balances.set('2500001', 40_000);
    endicia.balances.set('2600002', 200_000);
    const told = fakeNotifier();
    const three = monitors(store, endicia, told);

    const first = await Promise.all(three.map((monitor) => monitor.sweep()));
    expect(endicia.calls).toHaveLength(2);
    expect(first.reduce((sum, report) => sum + report.readElsewhere, 0)).toBe(4);
    expect(told.posted.map((post) => post.channelId).sort()).toEqual(['C1', 'C2']);

    // A wizard reading at every instance at once: nothing new to say.
    const at = new Date();
    await Promise.all(
      three.map((monitor) =>
        monitor.observeBalance({
          teamId: TEAM,
          accountId: '2500001',
          balanceMils: 40_000,
          at,
          source: 'login',
        }),
      ),
    );
    expect(told.posted).toHaveLength(2);

    // The next interval: the balance is back up; one read, one edit per alert.
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
    endicia.balances.set('2500001', 120_000);
    await Promise.all(three.map((monitor) => monitor.sweep()));
    expect(endicia.calls).toHaveLength(4);
    expect(told.recovered.map((edit) => edit.channelId).sort()).toEqual(['C1', 'C2']);
    expect(told.posted).toHaveLength(2);
    expect((await store.alerts.get(TEAM, 'C1'))?.state).toBe('armed');
  });

  it('the same crossing seen at three instances at once (wizard readings) posts one alert', async () => {
    const store = await memoryStore();
    await seed(store, { U1: login('2500001') }, [subscription({ channelId: 'C1', ownerUserId: 'U1' })]);
    const endicia = fakeEndicia();
    const told = fakeNotifier();
    const three = monitors(store, endicia, told);
    const at = new Date();
    await Promise.all(
      three.map((monitor) =>
        monitor.observeBalance({
          teamId: TEAM,
          accountId: '2500001',
          balanceMils: 10_000,
          at,
          source: 'login',
        }),
      ),
    );
    expect(told.posted).toHaveLength(1);
    expect((await store.alerts.get(TEAM, 'C1'))?.alertMessageTs).not.toBeNull();
  });

  it('reads subscriptions page by page: an account split over pages is read once', async () => {
    const store = await memoryStore();
    const subs = Array.from({ length: 1_001 }, (_, i) =>
      subscription({ channelId: `C${String(i).padStart(5, '0')}`, ownerUserId: 'U1', thresholdMils: 1_000 }),
    );
    await seed(store, { U1: login('2500001') }, subs);
    const endicia = fakeEndicia();
    endicia.balances.set('2500001', 500);
    const told = fakeNotifier();
    const pages: Array<string | null> = [];
    const listPage = store.alerts.listPage.bind(store.alerts);
    store.alerts.listPage = async (after, limit) => {
      pages.push(after);
      return listPage(after, limit);
    };
    const [one] = monitors(store, endicia, told);
    const report = await one?.sweep();
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(endicia.calls).toHaveLength(1);
    expect(report).toMatchObject({ accounts: 1, statusCalls: 1, alerts: 1_001 });
  });
});
