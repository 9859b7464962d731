import { benchWizard, type WizardBenchResult } from './wizard.ts';

export interface BurstBenchOptions {
  users?: number;
  endiciaLatencyMs?: number;
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
 * the one-file minimal Bolt app, then against the bot (its store from BENCH_STORE_URL, a SQLite file by
 * default), in one run on one machine, and the ratios the goal is stated in: added step latency p99
 * (target ≤ 1.5× the minimal app's) and wizards per second (target ≥ 0.7× its figure).
 */
export async function benchBurst(options: BurstBenchOptions = {}) {
  const common = {
    users: options.users ?? Number(process.env['BENCH_BURST_USERS'] ?? '100'),
    endiciaLatencyMs: options.endiciaLatencyMs ?? 300,
    rampMs: 0,
    thinkMs: 0,
  };
  const minimal = figures(await benchWizard({ ...common, app: 'minimal' }));
  const bot = figures(await benchWizard({ ...common, app: 'bot' }));
  return {
    users: common.users,
    endiciaLatencyMs: common.endiciaLatencyMs,
    store: process.env['BENCH_STORE_URL'] ?? 'sqlite file',
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
