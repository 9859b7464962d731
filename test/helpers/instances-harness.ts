import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComposeOverrides, compose, type Running } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { createSimulator, type Simulator } from '../../src/endicia/simulator/index.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { ACCOUNTS, SIGNING_SECRET } from './bot-harness.ts';
import { createSlackDriver, type FakeSlack, type SlackDriver, startFakeSlack } from './fake-slack/index.ts';
import { type RoundRobin, startRoundRobin } from './round-robin.ts';

/**
 * Several app instances on one store, one fake Slack and one Endicia simulator over HTTP; Slack's
 * requests go round-robin over them through a loopback balancer (`driver`), or to one instance
 * (`driverFor(i)`).
 *
 * The store: `storeUrl` when given (a database every instance opens itself, as separate processes
 * would); otherwise a SQLite file, opened by each instance (`separateStores`) or as one shared object.
 */
export interface Instances {
  fake: FakeSlack;
  sim: Simulator;
  apps: Running[];
  /** The store every instance uses (the shared object, or the first instance's). */
  store: Store;
  balancer: RoundRobin;
  driver: SlackDriver;
  driverFor(index: number): SlackDriver;
  /** Every log line of instance `index`. */
  logs: string[][];
  env: Record<string, string>;
  dir: string;
  close(): Promise<void>;
}

export interface InstancesOptions {
  count?: number;
  storeUrl?: string;
  /** Without `storeUrl`: each instance opens the SQLite file itself (own connections, as processes do). */
  separateStores?: boolean;
  overrides?: (index: number) => ComposeOverrides;
  env?: Record<string, string>;
}

export async function startInstances(options: InstancesOptions = {}): Promise<Instances> {
  const count = options.count ?? 3;
  const dir = await mkdtemp(join(tmpdir(), 'postage-instances-'));
  const fake = await startFakeSlack();
  const sim = createSimulator({ accounts: Object.values(ACCOUNTS) });
  const simUrl = await sim.listen(0, '127.0.0.1');
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-e2e-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ENDICIA_URL: simUrl,
    ENDICIA_TIMEOUT_MS: '5000',
    POSTAGE_STORE_URL: options.storeUrl ?? `sqlite://${join(dir, 'postage.sqlite')}`,
    // One key for every instance (a key file written by each at once would race).
    POSTAGE_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    LOG_LEVEL: 'debug',
    ...options.env,
  };
  const config = loadConfig(env);
  const shared =
    options.storeUrl === undefined && options.separateStores !== true
      ? await openStore({
          url: env.POSTAGE_STORE_URL,
          encryptionKey: env.POSTAGE_ENCRYPTION_KEY,
          logger: createLogger({ level: 'error' }),
        })
      : undefined;
  const logs: string[][] = [];
  const apps = await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const lines: string[] = [];
      logs.push(lines);
      return compose(config, createLogger({ level: 'debug', write: (line) => lines.push(line) }), {
        host: '127.0.0.1',
        clientOptions: { retryConfig: { retries: 0 } },
        botId: 'B0FAKE',
        botUserId: 'U0FAKEBOT',
        replyBudgetMs: 1_000,
        instanceId: `instance-${index}`,
        // Sweeps on demand, calls not spread: the tests count them.
        alerts: { spreadMs: 0, firstSweepDelayMs: 3_600_000 },
        ...(shared ? { store: shared } : {}),
        ...options.overrides?.(index),
      });
    }),
  );
  const balancer = await startRoundRobin(() => apps.map((app) => app.port));
  const driverTo = (botUrl: string) =>
    createSlackDriver({ fake, botUrl, signingSecret: SIGNING_SECRET, transport: 'http' });
  return {
    fake,
    sim,
    apps,
    store: shared ?? (apps[0] as Running).store,
    balancer,
    driver: driverTo(balancer.url),
    driverFor: (index) => driverTo(`http://127.0.0.1:${apps[index]?.port}/slack/events`),
    logs,
    env,
    dir,
    async close() {
      await balancer.close();
      await Promise.all(apps.map((app) => app.stop(5_000)));
      await shared?.close();
      await fake.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
