import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { compose, type Running } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { createSimulator, type Simulator } from '../../src/endicia/simulator/index.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { ACCOUNTS, SIGNING_SECRET } from '../helpers/bot-harness.ts';
import { createSlackDriver, type FakeSlack, startFakeSlack } from '../helpers/fake-slack/index.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres.ts';
import { eventually, loggedIn, reviewed } from './support.ts';

// An instance killed (SIGKILL) mid-purchase, as its own process: another instance on the same store
// re-checks the claim once its heartbeat lapses, never buys again, and tells the buyer once.
const MAIN = ACCOUNTS.main;
const CHILD = resolve(import.meta.dirname, 'instance-child.ts');

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});

async function spawnInstance(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the child instance did not start in 30 s')), 30_000);
    lines.on('line', (line) => {
      const parsed = JSON.parse(line) as { port?: number };
      if (typeof parsed.port === 'number') {
        clearTimeout(timer);
        done(parsed.port);
      }
    });
    child.once('exit', (code) => fail(new Error(`the child instance exited (${code})`)));
  });
  return { child, port };
}

/** The scenario on the store `storeUrl(dir)` names (a SQLite file in `dir`, or a PostgreSQL database). */
async function killedMidPurchase(storeUrl: (dir: string) => Promise<string>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'postage-killed-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const fake: FakeSlack = await startFakeSlack();
  cleanup.push(() => fake.close());
  const sim: Simulator = createSimulator({ accounts: Object.values(ACCOUNTS) });
  const simUrl = await sim.listen(0, '127.0.0.1');
  cleanup.push(() => sim.close());
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-e2e-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ENDICIA_URL: simUrl,
    ENDICIA_TIMEOUT_MS: '10000',
    POSTAGE_STORE_URL: await storeUrl(dir),
    POSTAGE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOG_LEVEL: 'error',
  };
  const survivor: Running = await compose(loadConfig(env), createLogger({ level: 'error' }), {
    host: '127.0.0.1',
    instanceId: 'survivor',
    clientOptions: { retryConfig: { retries: 0 } },
    botId: 'B0FAKE',
    botUserId: 'U0FAKEBOT',
    replyBudgetMs: 1_000,
    alerts: { spreadMs: 0, firstSweepDelayMs: 3_600_000 },
    claims: { heartbeatMs: 500, heartbeatTtlMs: 3_000, scanEveryMs: 500 },
  });
  cleanup.push(() => survivor.stop(5_000));
  const { child, port } = await spawnInstance({ ...env, CHILD_INSTANCE_ID: 'doomed' });

  const user = createSlackDriver({
    fake,
    botUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    transport: 'http',
  }).user({ teamId: 'T1', userId: 'U0KILLED', channelId: 'C0KILLED' });
  await loggedIn(user, MAIN, { remember: true });
  await reviewed(user, '10');
  const before = sim.account(MAIN.accountId)?.recredits ?? 0;
  // The BuyPostage is never answered, and the simulator records it the moment it arrives: the kill below
  // always lands while the call is in flight (a call recorded on its answer would race the child's own
  // journaling of that answer).
  sim.inject({ kind: 'hang', op: 'BuyPostage' });
  await user.submit();
  await eventually(async () => sim.calls.some((call) => call.op === 'BuyPostage'), 'BuyPostage sent');
  const killedAt = Date.now();
  child.kill('SIGKILL');
  await new Promise((done) => child.once('exit', done));

  // Within 60 s of the death (the bound): the heartbeat lapses in 3 s here, then the re-check
  // waits for the dead instance's account gate (15 s TTL) before it may read the balance.
  const notice = await fake.waitFor(() => fake.messagesIn('C0KILLED')[0], { timeoutMs: 60_000 });
  const tookMs = Date.now() - killedAt;
  expect(tookMs).toBeLessThan(60_000);
  expect(notice.text).toMatch(/\$10\.00/);
  // The modal left on "Buying…" is sent the same outcome.
  await eventually(
    async () =>
      fake.callsTo('views.update').some((call) => JSON.stringify(call.args).includes('postage/closed')),
    'the stuck modal updated',
  );
  await survivor.stop(5_000);
  expect(fake.messagesIn('C0KILLED')).toHaveLength(1);
  expect(sim.calls.filter((call) => call.op === 'BuyPostage')).toHaveLength(1);
  expect((sim.account(MAIN.accountId)?.recredits ?? 0) - before).toBeLessThanOrEqual(1);
}

describe('an instance killed mid-purchase, two processes on one SQLite file', () => {
  it(
    'the other re-checks its claim once, no second buy, the buyer told once',
    () => killedMidPurchase(async (dir) => `sqlite://${join(dir, 'postage.sqlite')}`),
    90_000,
  );
});

describePostgres('an instance killed mid-purchase, two processes on one PostgreSQL', () => {
  it(
    'the other re-checks its claim once, no second buy, the buyer told once',
    () =>
      killedMidPurchase(async () => {
        const database = await createTestDatabase();
        cleanup.push(database.drop);
        return database.url;
      }),
    90_000,
  );
});
