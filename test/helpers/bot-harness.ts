import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComposeOverrides, compose, type Running } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { createSimulator, type SimAccountSeed, type Simulator } from '../../src/endicia/simulator/index.ts';
import { createLogger } from '../../src/lib/logger.ts';
import {
  createSlackDriver,
  type FakeSlack,
  type SlackDriver,
  type SlackUser,
  startFakeSlack,
  validateMessage,
} from './fake-slack/index.ts';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789';

/** Test accounts: pass phrases full of characters that break naive XML, forms and JSON. */
export const ACCOUNTS = {
  main: {
    accountId: '2500001',
    passPhrase: 'Blue <Heron> & "42" it\'s',
    balance: '120.5',
    maxPurchase: '500',
    maxBalance: '5000',
  },
  other: {
    accountId: '2600002',
    passPhrase: 'Other & <secret> "phrase"',
    balance: '75',
    maxPurchase: '500',
    maxBalance: '5000',
  },
} as const satisfies Record<string, SimAccountSeed>;

export interface Harness {
  fake: FakeSlack;
  sim: Simulator;
  running: Running;
  driver: SlackDriver;
  logs: string[];
  /**
   * Every ack body the app sent to any person of `driver` (slash-command replies, view_submission
   * responses), oldest first: the fake's records do not keep them, the secret scans need them.
   */
  acks: unknown[];
  /** Every person created through `driver` (also before a restart), for their response URLs. */
  users: SlackUser[];
  dir: string;
  /**
   * Stops the bot (graceful, like SIGTERM) and starts a new one over the same store, fake Slack and
   * simulator. Resolves with whether the stop drained every in-flight call.
   */
  restart(): Promise<{ drained: boolean }>;
  /** Every byte the store wrote (SQLite file, WAL, journal, key file) as latin1 text. */
  diskText(): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  overrides?: ComposeOverrides;
  transport?: 'http' | 'socket';
  accounts?: readonly SimAccountSeed[];
}

/** The whole app over real loopback HTTP: Bolt's receiver, the fake Slack API, the simulator, a SQLite file. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'postage-e2e-'));
  const fake = await startFakeSlack();
  const sim = createSimulator({ accounts: options.accounts ?? Object.values(ACCOUNTS) });
  const simUrl = await sim.listen(0, '127.0.0.1');
  const logs: string[] = [];
  const socket = options.transport === 'socket';
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-e2e-token',
    ...(socket ? { SLACK_APP_TOKEN: 'xapp-e2e-token' } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ENDICIA_URL: simUrl,
    ENDICIA_TIMEOUT_MS: '2000',
    POSTAGE_STORE_URL: `sqlite://${join(dir, 'postage.sqlite')}`,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const boot = () =>
    compose(config, logger, {
      host: '127.0.0.1',
      clientOptions: { retryConfig: { retries: 0 } },
      botId: 'B0FAKE',
      botUserId: 'U0FAKEBOT',
      // Production waits 50 ms for a quick Endicia answer before showing "working…". On a loaded CI machine
      // (three Node lines in a row) the simulator's loopback answer can miss that, and a test pinning the
      // quick path (field errors in the ack) would see the slow one. Tests of the slow path use Endicia
      // latencies of 1.5 s and more, so 1 s keeps both paths deterministic and still far under Slack's 3 s.
      replyBudgetMs: 1_000,
      ...options.overrides,
    });
  let running = await boot();
  const acks: unknown[] = [];
  const users: SlackUser[] = [];
  const makeDriver = (): SlackDriver =>
    recordingDriver(
      createSlackDriver({
        fake,
        botUrl: `http://127.0.0.1:${running.port}/slack/events`,
        signingSecret: SIGNING_SECRET,
        transport: socket ? 'socket' : 'http',
      }),
      fake,
      acks,
      users,
    );
  if (socket) await fake.socket.connected(10_000);
  const harness: Harness = {
    fake,
    sim,
    running,
    driver: makeDriver(),
    logs,
    acks,
    users,
    dir,
    async restart() {
      const stopped = await running.stop(5_000);
      running = await boot();
      harness.running = running;
      harness.driver = makeDriver();
      if (socket) await fake.socket.connected(10_000);
      return stopped;
    },
    async diskText() {
      const names = await readdir(dir);
      const parts = await Promise.all(names.map((name) => readFile(join(dir, name))));
      return parts.map((part) => part.toString('latin1')).join('\n');
    },
    async close() {
      await running.stop(5_000);
      await fake.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * A driver whose people record every ack body into `acks` and themselves into `users`. A slash
 * command's ack body is a message Slack shows: its blocks are checked like chat.postMessage's.
 */
function recordingDriver(
  driver: SlackDriver,
  fake: FakeSlack,
  acks: unknown[],
  users: SlackUser[],
): SlackDriver {
  return {
    transport: driver.transport,
    user(identity) {
      const user = driver.user(identity);
      const recorded: SlackUser = Object.create(user, {
        command: {
          value: async (command: string, text?: string) => {
            const result = await user.command(command, text);
            acks.push(result.body);
            if (result.body !== undefined)
              fake.recordViolations('ack:slash_commands', validateMessage(result.body));
            return result;
          },
        },
        submit: {
          value: async () => {
            const result = await user.submit();
            acks.push(result.response);
            return result;
          },
        },
      });
      users.push(recorded);
      return recorded;
    },
  };
}
