import { type AlertsBenchResult, benchAlerts } from './alerts.ts';
import { figures } from './burst.ts';
import { withFreshPostgres } from './fresh-postgres.ts';
import { benchWizard, type WizardBenchResult } from './wizard.ts';

export interface BackendsBenchOptions {
  users?: number;
  subscriptions?: number;
  /** Also 1 against N instances on one PostgreSQL (needs cross-instance coordination). */
  instances?: number;
}

/** One wizard run's figures, with how many instances served it. */
const wizardFigures = (result: WizardBenchResult) => ({ instances: result.instances, ...figures(result) });

function alertFigures(result: AlertsBenchResult) {
  return {
    subscriptions: result.subscriptions,
    createMs: result.createMs,
    createLanes: result.createLanes,
    sweepMs: result.wallMs,
    statusCalls: result.statusCalls,
    alerts: result.alerts,
    baseRssMb: result.baseRssMb,
    peakRssMb: result.peakRssMb,
  };
}

const ratio = (a: number, b: number) => Math.round((a / Math.max(1, b)) * 100) / 100;

/**
 * Issue 12's figures in one run: the wizard at 200 people on a SQLite file and on a fresh PostgreSQL
 * database (added-latency p99 of each and their ratio; target ≤ 1.25), 10,000 alert subscriptions
 * created and swept on both, and optionally one against `instances` bot processes on one PostgreSQL.
 */
export async function benchBackends(options: BackendsBenchOptions = {}) {
  const users = options.users ?? Number(process.env['BENCH_USERS'] ?? '200');
  const subscriptions = options.subscriptions ?? Number(process.env['BENCH_SUBSCRIPTIONS'] ?? '10000');
  const instances = options.instances ?? Number(process.env['BENCH_INSTANCES'] ?? '1');

  // BENCH_USERS=0: the alert subscriptions only.
  const wizardOn = (storeUrl?: string, n = 1) =>
    benchWizard({ users, instances: n, ...(storeUrl === undefined ? {} : { storeUrl }) }).then(wizardFigures);
  const sqlite = users > 0 ? await wizardOn() : null;
  const postgres = users > 0 ? await withFreshPostgres((url) => wizardOn(url)) : null;
  const several =
    users > 0 && instances > 1 ? await withFreshPostgres((url) => wizardOn(url, instances)) : null;
  // BENCH_SUBSCRIPTIONS=0: the wizard only.
  const alertsSqlite = subscriptions > 0 ? alertFigures(await benchAlerts({ subscriptions })) : null;
  const alertsPostgres =
    subscriptions > 0
      ? alertFigures(await withFreshPostgres((storeUrl) => benchAlerts({ subscriptions, storeUrl })))
      : null;
  // The same on PostgreSQL with as many created at once as one instance's pool has connections (10).
  const alertsPostgresPooled =
    subscriptions > 0
      ? alertFigures(
          await withFreshPostgres((storeUrl) => benchAlerts({ subscriptions, storeUrl, createLanes: 10 })),
        )
      : null;
  return {
    users,
    wizard: {
      sqlite,
      postgres,
      postgresToSqliteAddedP99: sqlite && postgres ? ratio(postgres.addedP99Ms, sqlite.addedP99Ms) : null,
      ...(several ? { [`postgres×${instances}`]: several } : {}),
    },
    alerts: { sqlite: alertsSqlite, postgres: alertsPostgres, postgresPooled: alertsPostgresPooled },
  };
}

/**
 * Issue 15's figures: one sweep of 10,000 subscriptions with automatic reload on for 1,000 of them, a
 * tenth of those (100) under their threshold, on a SQLite file and on a fresh PostgreSQL database (when
 * one is reachable: `BENCH_POSTGRES=0` skips it), and first on SQLite with reload off (the same balances),
 * for comparison. Endicia calls counted at the simulator.
 */
export async function benchReload() {
  const subscriptions = Number(process.env['BENCH_SUBSCRIPTIONS'] ?? '10000');
  const reload = { on: Math.round(subscriptions / 10), below: Math.round(subscriptions / 100) };
  const figures = (result: AlertsBenchResult) => ({
    ...alertFigures(result),
    reloadsOn: reload.on,
    reloadsBelow: reload.below,
    reloads: result.reloads,
    buyCalls: result.buyCalls,
  });
  // The same sweep with reload off everywhere (same balances): what the reloads add.
  const sqliteWithout = figures(await benchAlerts({ subscriptions, reload: { ...reload, on: 0 } }));
  const sqlite = figures(await benchAlerts({ subscriptions, reload }));
  const postgres =
    process.env['BENCH_POSTGRES'] === '0'
      ? null
      : figures(await withFreshPostgres((storeUrl) => benchAlerts({ subscriptions, storeUrl, reload })));
  return { sqliteWithout, sqlite, postgres };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchBackends(), null, 2));
}
