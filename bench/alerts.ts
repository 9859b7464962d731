import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buyReload, createSpendingGate } from '../src/actors/index.ts';
import { type AlertNotifier, createAlertMonitor } from '../src/alerts/index.ts';
import { createEndiciaClient } from '../src/endicia/index.ts';
import { createSimulator } from '../src/endicia/simulator/index.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { createRememberedLogins, type LockoutNotifier } from '../src/never-lock/index.ts';
import { openStore } from '../src/store/index.ts';

export interface AlertsBenchOptions {
  subscriptions?: number;
  accounts?: number;
  /** Simulator latency per Endicia call. */
  latencyMs?: number;
  /** Status calls in flight; the monitor's default (4) unless given. */
  concurrency?: number;
  /** How many subscriptions are being created at once (default 1: one after another). */
  createLanes?: number;
  /** `sqlite` (a temporary file, default) or `memory`. */
  store?: 'sqlite' | 'memory';
  /** Any `POSTAGE_STORE_URL` instead (a fresh PostgreSQL database); overrides `store`. */
  storeUrl?: string;
  /**
   * Automatic reload (issue 15): on for the first `on` subscriptions (each on its own account), of which
   * the first `below` are under their threshold. Then only the accounts of those `below` are low (not
   * every other one), and each of their reloads buys $100 through the BuyPostage actor path.
   */
  reload?: { on: number; below: number };
}

export interface AlertsBenchResult {
  wallMs: number;
  peakRssMb: number;
  statusCalls: number;
  alerts: number;
  subscriptions: number;
  accounts: number;
  concurrency: number;
  /** Seeding the store (not part of the sweep): remembered logins and subscriptions. */
  seedMs: number;
  /** Of which creating the subscriptions, `createLanes` `alerts.put` at a time. */
  createMs: number;
  createLanes: number;
  /** RSS just before the sweep, for comparison with the peak. */
  baseRssMb: number;
  /** Automatic reloads made, and the BuyPostage calls Endicia saw (with `reload`). */
  reloads: number;
  buyCalls: number;
}

const BENCH_KEY = Buffer.alloc(32, 0x42).toString('base64');

const noopNotifier: AlertNotifier = {
  postAlert: async (sub) => ({ ts: `${sub.channelId}.000001` }),
  markRecovered: async () => {},
};
const noopLockout: LockoutNotifier = { accountBlocked: async () => {}, typingHeld: async () => {} };

/**
 * One sweep of `subscriptions` alert subscriptions spread over `accounts` simulator accounts (one owner each,
 * every other account below the threshold), with `latencyMs` per Endicia call and no spread, so the wall
 * time measures throughput. Seeding is not timed; RSS is sampled during the sweep.
 */
export async function benchAlerts(options: AlertsBenchOptions = {}): Promise<AlertsBenchResult> {
  const subscriptions = options.subscriptions ?? 10_000;
  const accounts = options.accounts ?? 2_000;
  const concurrency = options.concurrency ?? 4;
  const simulator = createSimulator({ accounts: [] });
  const dir = await mkdtemp(join(tmpdir(), 'postage-bench-alerts-'));
  const store = await openStore({
    url:
      options.storeUrl ??
      (options.store === 'memory' ? 'memory://' : `sqlite://${join(dir, 'alerts.sqlite')}`),
    encryptionKey: BENCH_KEY,
    logger: silentLogger,
  });
  try {
    const seedStart = performance.now();
    const createdAt = new Date(Date.UTC(2026, 0, 1)).toISOString();
    for (let i = 0; i < accounts; i += 1) {
      const accountId = String(3_000_000 + i);
      const passPhrase = `bench <alerts> & "phrase" '${i}'`;
      const low = options.reload ? i < options.reload.below : i % 2 === 0;
      simulator.addAccount({ accountId, passPhrase, balance: low ? '20' : '120' });
      await store.credentials.set('TBENCH', `U${i}`, {
        accountId,
        passPhrase,
        savedAt: createdAt,
        monitorBlockedAt: null,
      });
    }
    const createStart = performance.now();
    // As people create them: `createLanes` at a time (default 1, one after another; the backends bench
    // also runs as many as a PostgreSQL pool has connections, the way many people's commands arrive).
    let next = 0;
    const lane = async () => {
      for (let s = next++; s < subscriptions; s = next++) {
        const i = s % accounts;
        await store.alerts.put({
          teamId: 'TBENCH',
          channelId: `C${s}`,
          ownerUserId: `U${i}`,
          accountId: String(3_000_000 + i),
          thresholdMils: 50_000,
          state: 'armed',
          alertMessageTs: null,
          lastBalanceMils: null,
          lastCheckedAt: null,
          createdAt,
          ...(options.reload && s < options.reload.on
            ? { reloadAmountMils: 100_000, reloadsPerDay: 1, reloadOnAt: createdAt, reloadOnBy: `U${i}` }
            : {}),
        });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.createLanes ?? 1) }, lane));
    const createMs = performance.now() - createStart;
    const seedMs = performance.now() - seedStart;
    const url = await simulator.listen(0, '127.0.0.1');
    simulator.setLatency(options.latencyMs ?? 50);
    const now = () => new Date();
    const remembered = createRememberedLogins({
      credentials: store.credentials,
      guards: store.accountGuards,
      alerts: store.alerts,
      notifier: noopLockout,
      logger: silentLogger,
      now,
    });
    const endicia = createEndiciaClient({ baseUrl: url, requesterId: 'lxxx', timeoutMs: 30_000 });
    const spending = createSpendingGate({ ...store, logger: silentLogger, now, newId: randomUUID });
    const actorDeps = { ...store, endicia, logger: silentLogger, now, remembered, spending };
    const monitor = createAlertMonitor({
      alerts: store.alerts,
      remembered,
      endicia,
      ...(options.reload
        ? {
            reload: {
              buy: (input) => buyReload(actorDeps, input),
              spending,
              settings: store.settings,
              purchases: store.purchases,
              once: store.once,
            },
          }
        : {}),
      notifier: noopNotifier,
      logger: silentLogger,
      now: () => new Date(),
      intervalMs: 900_000,
      concurrency,
      spreadMs: 0,
    });

    const baseRss = process.memoryUsage.rss();
    let peakRss = baseRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    const start = performance.now();
    const report = await monitor.sweep();
    const wallMs = performance.now() - start;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return {
      wallMs: Math.round(wallMs),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      statusCalls: report.statusCalls,
      alerts: report.alerts,
      subscriptions,
      accounts,
      concurrency,
      seedMs: Math.round(seedMs),
      createMs: Math.round(createMs),
      createLanes: Math.max(1, options.createLanes ?? 1),
      baseRssMb: Math.round(baseRss / 1024 / 1024),
      reloads: report.reloads,
      buyCalls: simulator.calls.filter((call) => call.op === 'BuyPostage').length,
    };
  } finally {
    await store.close();
    await simulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Optional: `tsx bench/alerts.ts [concurrency] [sqlite|memory]`.
  const [concurrency, store] = process.argv.slice(2);
  const result = await benchAlerts({
    ...(concurrency === undefined ? {} : { concurrency: Number(concurrency) }),
    ...(store === 'memory' || store === 'sqlite' ? { store } : {}),
  });
  console.log(JSON.stringify(result));
}
