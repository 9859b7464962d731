import { loadavg } from 'node:os';
import { withFreshPostgres } from './fresh-postgres.ts';
import { benchWizard, type WizardBenchResult } from './wizard.ts';

export interface BurstBenchOptions {
  users?: number;
  endiciaLatencyMs?: number;
  /**
   * The bot's store: a SQLite file (default), or a fresh PostgreSQL database made for the run and dropped
   * after it (`BENCH_BURST_STORE=postgres`, on `POSTAGE_TEST_POSTGRES_URL`'s server). BENCH_STORE_URL, when
   * set, names the store outright.
   */
  store?: 'sqlite' | 'postgres';
}

/** The figures the burst goal (and issue 12's comparison) is stated in, for one app. */
export function figures(result: WizardBenchResult) {
  return {
    completed: result.completed,
    noModal: result.noModal,
    failed: result.failed,
    ackP99Ms: Math.round(result.ackMs.p99),
    acksOver3s: result.ackMs.over3s,
    addedP50Ms: Math.round(result.addedStepMs.p50),
    addedP99Ms: Math.round(result.addedStepMs.p99),
    wizardsPerSecond: Math.round(result.wizardsPerSecond * 10) / 10,
    peakRssMb: result.botPeakRssMb,
    cpuMsPerWizard: result.botCpuMsPerWizard,
    violations: result.violations,
    slackCallsPerWizard: result.slackCallsPerWizard,
  };
}

/**
 * Issue 17's burst: N people start the whole wizard at the same moment with no think time, first against
 * the one-file minimal Bolt app, then against the bot (on a SQLite file or a fresh PostgreSQL database),
 * in one run on one machine, and the ratios the goal is stated in: added step latency p99
 * (target ≤ 1.5× the minimal app's) and wizards per second (target ≥ 0.7× its figure).
 */
export async function benchBurst(options: BurstBenchOptions = {}) {
  const common = {
    users: options.users ?? Number(process.env['BENCH_BURST_USERS'] ?? '100'),
    endiciaLatencyMs: options.endiciaLatencyMs ?? 300,
    rampMs: 0,
    thinkMs: 0,
  };
  const store = options.store ?? (process.env['BENCH_BURST_STORE'] === 'postgres' ? 'postgres' : 'sqlite');
  const named = process.env['BENCH_STORE_URL'];
  // Other jobs on the machine move latency far more than CPU per wizard: the load goes with each figure.
  const load = () => loadavg().map((value) => Math.round(value * 100) / 100);
  const loadBefore = load();
  const minimal = figures(await benchWizard({ ...common, app: 'minimal' }));
  const bot = figures(
    named === undefined && store === 'postgres'
      ? await withFreshPostgres((storeUrl) => benchWizard({ ...common, app: 'bot', storeUrl }))
      : await benchWizard({ ...common, app: 'bot' }),
  );
  return {
    users: common.users,
    endiciaLatencyMs: common.endiciaLatencyMs,
    store: named ?? (store === 'postgres' ? 'fresh PostgreSQL database' : 'sqlite file'),
    loadAverage: { before: loadBefore, after: load() },
    minimal,
    bot,
    addedP99Ratio: Math.round((bot.addedP99Ms / Math.max(1, minimal.addedP99Ms)) * 100) / 100,
    cpuRatio: Math.round((bot.cpuMsPerWizard / Math.max(0.1, minimal.cpuMsPerWizard)) * 100) / 100,
    throughputRatio: Math.round((bot.wizardsPerSecond / Math.max(0.1, minimal.wizardsPerSecond)) * 100) / 100,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchBurst(), null, 2));
}
