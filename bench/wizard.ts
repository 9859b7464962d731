import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createSlackDriver,
  type FakeSlack,
  type SlackUser,
  startFakeSlack,
} from '../test/helpers/fake-slack/index.ts';
import { percentile } from './stats.ts';

export interface WizardBenchOptions {
  users?: number;
  endiciaLatencyMs?: number;
  /** Users start spread evenly over this window. */
  rampMs?: number;
  /** A person's pause before each click (reading, typing), ±50 % deterministic jitter. */
  thinkMs?: number;
  /** The app under load: the bot as `npm start` runs it, or the one-file comparator (bench/minimal-bolt-app.ts). */
  app?: 'bot' | 'minimal';
  /** `POSTAGE_STORE_URL` of the bot; BENCH_STORE_URL, else a SQLite file in a temporary directory. */
  storeUrl?: string;
  /**
   * Bot processes serving the load, all on `storeUrl` (one PostgreSQL for several); person i talks to
   * instance i mod N for the whole wizard.
   */
  instances?: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface WizardBenchResult {
  users: number;
  /** Most wizards open at the same moment. */
  peakConcurrentWizards: number;
  thinkMs: number;
  completed: number;
  /** Wizards that never showed a modal: `views.open` came after the trigger's 3 s (Slack shows nothing). */
  noModal: number;
  /** Wizards that stopped part-way for any other reason (a page that never came). */
  failed: number;
  endiciaLatencyMs: number;
  ackMs: Percentiles & { over3s: number; count: number };
  /** Login and Buy: time until the settled page reached Slack, minus Endicia's latency. */
  addedStepMs: Percentiles;
  /** Steps without an Endicia call (open, review, finish): time until the next page is on screen. */
  localStepMs: Percentiles;
  wizardsPerSecond: number;
  wallMs: number;
  instances: number;
  /** Highest peak RSS of the bot processes. */
  botPeakRssMb: number;
  /** CPU time (user + system) the app's process spent during the measured wizards, per wizard. */
  botCpuMsPerWizard: number;
  violations: number;
  /** Slack Web API calls the app made per measured wizard, by method. */
  slackCallsPerWizard: Record<string, number>;
}

const SECRET = 'bench-signing-secret-0123456789';
const BENCH_KEY = Buffer.alloc(32, 0x57).toString('base64');
const WARM_UP = 10;

function percentiles(values: number[]): Percentiles {
  return { p50: percentile(values, 0.5), p99: percentile(values, 0.99), max: percentile(values, 1) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * N people run the whole wizard at the same time (each pausing `thinkMs` before a click, as people do)
 * against the real bot, started as its own process (`src/main.ts`
 * under tsx, exactly as `npm start` runs it) so the load generator's CPU is not counted against it. The
 * fake Slack, the driver and the simulator (with `endiciaLatencyMs` on every call) run in this process.
 */
export async function benchWizard(options: WizardBenchOptions = {}): Promise<WizardBenchResult> {
  const users = options.users ?? 200;
  const latency = options.endiciaLatencyMs ?? 300;
  const rampMs = options.rampMs ?? 5_000;
  let thinkMs = options.thinkMs ?? 2_000;
  const dir = await mkdtemp(join(tmpdir(), 'postage-bench-wizard-'));
  const fake = await startFakeSlack();
  const sim = await startChild(['bench/simulator-process.ts'], {
    BENCH_ACCOUNTS: String(users + WARM_UP),
    BENCH_LATENCY_MS: String(latency),
  });
  const simUrl = sim.firstLine;
  const instances = Math.max(1, options.instances ?? 1);
  const storeUrl =
    options.storeUrl ?? process.env['BENCH_STORE_URL'] ?? `sqlite://${join(dir, 'bench.sqlite')}`;
  const bots: Array<{ port: number; child: ChildProcess }> = [];
  for (let k = 0; k < instances; k++) {
    const port = await freePort();
    bots.push({ port, child: spawnBot(options.app ?? 'bot', port, k, storeUrl, fake.apiUrl, simUrl) });
  }
  try {
    // One after another: several instances migrating one empty database at once is H2's e2e, not a bench.
    for (const bot of bots) await waitForHealth(bot.port);
    const drivers = bots.map((bot) =>
      createSlackDriver({ fake, botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SECRET }),
    );
    const acks: number[] = [];
    const added: number[] = [];
    const local: number[] = [];
    let completed = 0;

    let seed = 42;
    const think = () => {
      // Deterministic jitter (a tiny LCG) so two runs load the bot the same way.
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + seed / 2 ** 31)));
    };
    let peakOpen = 0;
    let open = 0;
    const step = async (
      user: SlackUser,
      callbackId: string,
      act: () => Promise<{ ackMs: number }>,
      endicia: boolean,
    ) => {
      await think();
      const start = performance.now();
      const startWall = Date.now();
      const { ackMs } = await act();
      acks.push(ackMs);
      const shown = await user.waitForView((v) => v.callback_id === callbackId, 60_000);
      let elapsed = performance.now() - start;
      if (endicia) {
        // When the page came by views.update, time it where the bot delivered it (the fake Slack API's
        // receipt), not when this busy load generator got round to noticing.
        const delivered = fake
          .callsTo('views.update')
          .findLast((c) => c.args['view_id'] === shown.id && c.at >= startWall);
        if (delivered) elapsed = delivered.at - startWall;
      }
      (endicia ? added : local).push(endicia ? Math.max(0, elapsed - latency) : elapsed);
    };

    let failed = 0;
    let lastDone = 0;
    const walk = async (i: number, delayMs: number) => {
      // A burst may leave someone without a modal (an expired trigger): counted, not fatal to the run.
      await run(i, delayMs).catch(() => {
        failed++;
      });
    };
    const run = async (i: number, delayMs: number) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const driver = drivers[i % drivers.length];
      if (!driver) throw new Error('bench: no bot instance');
      const user = driver.user({ teamId: 'TBENCH', userId: `U${i}`, channelId: `C${i % 20}` });
      open++;
      peakOpen = Math.max(peakOpen, open);
      await step(user, 'postage/account', () => user.command('/postage', 'buy 25'), false);
      user.fill('account_id', 'account_id', String(3_000_000 + i));
      user.fill('pass_phrase', 'pass_phrase', `bench <p> & "q" ${i}`);
      await step(user, 'postage/details', () => user.submit(), true);
      await step(user, 'postage/confirming', () => user.submit(), false);
      await step(user, 'postage/done', () => user.submit(), true);
      await think();
      const finish = await user.submit();
      acks.push(finish.ackMs);
      open--;
      completed++;
      lastDone = performance.now();
    };

    // Warm-up: a served bot is warm (JIT, module loading, SQLite cache); these runs are not measured.
    const thinkBefore = thinkMs;
    thinkMs = 0;
    for (let i = 0; i < WARM_UP; i++) await run(users + i, 0);
    thinkMs = thinkBefore;
    acks.length = 0;
    added.length = 0;
    local.length = 0;
    completed = 0;
    peakOpen = 0;
    failed = 0;
    const expiredBefore = expiredTriggers(fake);
    const callsBefore = fake.calls.length;

    const cpuOfBots = async () =>
      (await Promise.all(bots.map((bot) => cpuMs(bot.child.pid)))).reduce((a, b) => a + b, 0);
    const cpuBefore = await cpuOfBots();
    const started = performance.now();
    await Promise.all(Array.from({ length: users }, (_, i) => walk(i, (rampMs * i) / users)));
    // Until the last wizard finished: a person left without a modal waits out the page timeout, which
    // says nothing about throughput.
    const wallMs = (completed > 0 ? lastDone : performance.now()) - started;
    // Read after the last wizard's trailing work (its receipt) has had a moment to finish.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cpuSpent = (await cpuOfBots()) - cpuBefore;
    const slackCalls: Record<string, number> = {};
    for (const call of fake.calls.slice(callsBefore))
      slackCalls[call.method] = (slackCalls[call.method] ?? 0) + 1;
    for (const method of Object.keys(slackCalls)) {
      slackCalls[method] = Math.round(((slackCalls[method] ?? 0) / Math.max(1, completed)) * 100) / 100;
    }
    const ack = percentiles(acks);
    return {
      users,
      peakConcurrentWizards: peakOpen,
      thinkMs,
      completed,
      noModal: expiredTriggers(fake) - expiredBefore,
      failed,
      endiciaLatencyMs: latency,
      ackMs: { ...ack, over3s: acks.filter((a) => a >= 3_000).length, count: acks.length },
      addedStepMs: percentiles(added),
      localStepMs: percentiles(local),
      wizardsPerSecond: completed / (wallMs / 1000),
      wallMs,
      instances,
      botPeakRssMb: Math.max(...(await Promise.all(bots.map((bot) => peakRssMb(bot.child.pid))))),
      botCpuMsPerWizard: Math.round((cpuSpent / Math.max(1, completed)) * 10) / 10,
      violations: fake.violations.length,
      slackCallsPerWizard: slackCalls,
    };
  } finally {
    await Promise.all(
      bots.map(async ({ child }) => {
        // A bot that already exited (a failed start) would never emit 'exit' again.
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }),
    );
    await fake.close();
    sim.child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

/** The bot (or the minimal app) as its own process, exactly as `npm start` runs it. */
function spawnBot(
  app: 'bot' | 'minimal',
  port: number,
  index: number,
  storeUrl: string,
  slackApiUrl: string,
  endiciaUrl: string,
): ChildProcess {
  const profile = process.env['BENCH_CPU_PROFILE'];
  return spawn(
    process.execPath,
    [
      ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []),
      '--import',
      'tsx',
      app === 'minimal' ? 'bench/minimal-bolt-app.ts' : 'src/main.ts',
    ],
    {
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slackApiUrl,
        PORT: String(port),
        ENDICIA_URL: endiciaUrl,
        POSTAGE_STORE_URL: storeUrl,
        // Every instance must open every record: one key for all of them (a bench key, nothing real).
        POSTAGE_ENCRYPTION_KEY: BENCH_KEY,
        POSTAGE_INSTANCE_ID: `bench-${index + 1}`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

function expiredTriggers(fake: FakeSlack): number {
  return fake.callsTo('views.open').filter((call) => call.response['error'] === 'expired_trigger_id').length;
}

/** A tsx child process whose first stdout line is its address. */
async function startChild(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(buffer.slice(0, newline).trim());
    });
    child.once('exit', (code) => reject(new Error(`bench: ${args.join(' ')} exited with ${code}`)));
  });
  return { child, firstLine };
}

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('bench: the bot did not become healthy within 30 s');
}

/** User + system CPU time of a process so far (Linux /proc, clock ticks of 10 ms), in ms. */
async function cpuMs(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The bot process's high-water resident set (Linux /proc), in MiB. */
async function peakRssMb(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchWizard(), null, 2));
}
