import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { WebClient } from '@slack/web-api';
import {
  buyApproved,
  buyReload,
  checkBalance,
  createClaimWatch,
  createRecheckSchedule,
  createSpendingGate,
  makeActors,
  type RecheckSchedule,
  runwayOf,
} from './actors/index.ts';
import {
  type AlertMonitor,
  createAlertMonitor,
  createChannelQueue,
  createDigestScheduler,
  type DigestScheduler,
} from './alerts/index.ts';
import { createDigestPoster } from './bot/alerts/digest-poster.ts';
import { createSlackAlertNotifier } from './bot/alerts/slack-notifier.ts';
import { type Bot, createBot } from './bot/app.ts';
import { expireApprovals } from './bot/approvals/expire-approvals.ts';
import { createBackground } from './bot/background.ts';
import type { SlackClients } from './bot/clients.ts';
import type { BotDeps } from './bot/deps.ts';
import { keepAliveFetch } from './bot/keep-alive-fetch.ts';
import { createOAuthMode } from './bot/oauth/oauth-mode.ts';
import { toSlackLogger } from './bot/slack-logger.ts';
import { announceRecovered } from './bot/wizard/announce-recovered.ts';
import { recheckReplies } from './bot/wizard/recheck-replies.ts';
import type { Config } from './config.ts';
import { createEndiciaClient, withCallLog } from './endicia/index.ts';
import { createSimulator, parseSimulatorAccounts, type Simulator } from './endicia/simulator/index.ts';
import type { Logger } from './lib/logger.ts';
import { queuedLeases } from './lib/queued-leases.ts';
import {
  type BalanceReading,
  createWizardRunner,
  turnLeases,
  withTurnLog,
  wizardMachine,
} from './machine/index.ts';
import {
  countPostedAlerts,
  createMetrics,
  createReadiness,
  instrumentStore,
  type Metrics,
  metricsRoute,
  observeSlackFetch,
  readyRoute,
} from './metrics/index.ts';
import { createRememberedLogins } from './never-lock/index.ts';
import { loadKeyring, openStore, parseStoreUrl, type Store, sealedText } from './store/index.ts';

/** Knobs tests and the benchmark set; production uses the defaults. */
export interface ComposeOverrides {
  host?: string;
  now?: () => Date;
  newId?: () => string;
  replyBudgetMs?: number;
  clientOptions?: NonNullable<Parameters<typeof createBot>[0]['clientOptions']>;
  /** The monitor's timing knobs (tests spread nothing and sweep on demand). */
  alerts?: { spreadMs?: number; firstSweepDelayMs?: number; concurrency?: number };
  /** The weekly digest's clock: how often due digests are looked for, and the first look's delay. */
  digest?: { everyMs?: number; firstDelayMs?: number };
  botId?: string;
  botUserId?: string;
  /** When an unconfirmed purchase is re-checked, counted from its creation (default 1, 3 and 10 minutes). */
  recheckAfterMs?: readonly number[];
  /** Names this instance in leases, claims and logs (default host name + pid). */
  instanceId?: string;
  /** Interrupted purchases: heartbeat period and TTL, and how often claims are scanned (10 s, 30 s, 15 s). */
  claims?: { heartbeatMs?: number; heartbeatTtlMs?: number; scanEveryMs?: number };
  /**
   * An open store shared with other instances in this process (tests of several instances). It is the
   * caller's: stop() leaves it open.
   */
  store?: Store;
}

export interface Running {
  port: number;
  endiciaUrl: string;
  store: Store;
  simulator: Simulator | null;
  bot: Bot;
  monitor: AlertMonitor;
  /** The weekly digests' clock (`run()` looks for due digests now). */
  digest: DigestScheduler;
  /** This app's metrics (its own registry; `GET /metrics` serves them). */
  metrics: Metrics;
  /** Expires approval requests past their 24 hours now (a timer does it every minute). */
  expireApprovals(): Promise<number>;
  /** Graceful stop: no new requests, in-flight Endicia calls and Slack updates settle, then close. */
  stop(graceMs?: number): Promise<{ drained: boolean }>;
}

const SESSION_TTL_MS = 24 * 60 * 60 * 1000;
// How often approval requests past their 24 hours are looked for.
const APPROVAL_SWEEP_MS = 60_000;
// A submission's ack waits until this long after it arrived for the Endicia answer before showing a
// "working…" view (Slack allows 3 s; the rest is headroom for the network and Slack's own processing).
// Endicia usually answers in a few hundred ms: the final page then rides on the ack, one Slack round trip
// instead of the working page's ack plus a views.update (issue 17: half the Slack calls under a burst).
const DEFAULT_REPLY_BUDGET_MS = 800;

// Leases held while work runs (a wizard turn, one use of an account) are renewed every third of this, so
// it bounds only how long a killed instance's lease blocks the others, not how long the work may take.
const HELD_LEASE_TTL_MS = 15_000;

/** The built-in simulator's accounts live next to the store's file, so a demo survives a restart. */
export const SIMULATOR_STATE_FILE = 'endicia-simulator.json';

function simulatorStateFile(storeUrl: string): string | null {
  const location = parseStoreUrl(storeUrl);
  return location.kind === 'sqlite' && location.path !== ':memory:'
    ? join(location.dataDir, SIMULATOR_STATE_FILE)
    : null;
}

export function environmentLabel(environment: Config['endicia']['environment']): string | null {
  if (environment === 'production') return null;
  return environment === 'sandbox'
    ? 'SANDBOX — Endicia test server, no real postage'
    : 'SIMULATOR — no real postage';
}

/** The composition root: builds every part from the config and starts it. No logic lives here. */
export async function compose(
  config: Config,
  logger: Logger,
  overrides: ComposeOverrides = {},
): Promise<Running> {
  const now = overrides.now ?? (() => new Date());
  const newId = overrides.newId ?? randomUUID;
  const instanceId = overrides.instanceId ?? config.instanceId;
  const metrics = createMetrics();

  let simulator: Simulator | null = null;
  let endiciaUrl = config.endicia.url;
  if (endiciaUrl === null) {
    const stateFile = simulatorStateFile(config.store.url);
    // The state holds the simulator's pass phrases: sealed with the store's keys like every record.
    const stateCodec =
      stateFile === null
        ? null
        : sealedText(
            await loadKeyring({
              configured: config.store.encryptionKey ?? undefined,
              dataDir: dirname(stateFile),
              logger,
            }),
            SIMULATOR_STATE_FILE,
          );
    simulator = createSimulator({
      accounts: parseSimulatorAccounts(config.endicia.simulatorAccounts),
      ...(stateFile === null || stateCodec === null ? {} : { stateFile, stateCodec }),
      onStateError: (error) => logger.error('could not save the simulator state', { error }),
    });
    endiciaUrl = await simulator.listen(0, '127.0.0.1');
    logger.warn('Endicia simulator started in-process (SIMULATOR — no real postage)', { url: endiciaUrl });
  }
  const endicia = withCallLog(
    createEndiciaClient({
      baseUrl: endiciaUrl,
      requesterId: config.endicia.requesterId,
      timeoutMs: config.endicia.timeoutMs,
      onCall: metrics.endiciaCall,
    }),
    logger,
  );
  const store = instrumentStore(
    overrides.store ??
      (await openStore({
        url: config.store.url,
        encryptionKey: config.store.encryptionKey ?? undefined,
        poolSize: config.store.poolSize,
        instanceId,
        logger,
        now,
      })),
    metrics,
  );
  // A purchase can make three Endicia calls (a fresh baseline, BuyPostage, the reconciling re-read):
  // a turn's wait and its lease outlast all of them, so a busy turn always settles first.
  const turnMs = config.endicia.timeoutMs * 4 + 5_000;
  // The bot exists later; readiness only asks Slack when probed, by then it does. OAuth mode has no one
  // token to test: ready = the store answers.
  const readiness = createReadiness({
    pingStore: () => store.ping(),
    authTest: config.slack.oauth ? async () => undefined : () => bot.app.client.auth.test(),
  });
  const slackFetch = observeSlackFetch((method, error) => {
    metrics.slackApiError(method, error);
    readiness.noteSlackError(error);
  }, overrides.clientOptions?.fetch ?? keepAliveFetch);

  const label = environmentLabel(config.endicia.environment);
  // Alerts get their own WebClient that rejects rate-limited calls (the channel queue waits out
  // Retry-After), so a 429 on an alert never pauses the wizard's client and its 3-second budget.
  const slackApi = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  const makeAlertClient = (token: string | undefined) =>
    new WebClient(token, {
      logger: toSlackLogger(logger),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      fetch: slackFetch,
      ...slackApi,
    });
  // OAuth mode: every workspace's own token, from its installation (null in single-workspace mode).
  const oauthMode = config.slack.oauth
    ? createOAuthMode({
        ...config.slack.oauth,
        store,
        makeAlertClient,
        makeClient: (token) =>
          new WebClient(token, {
            logger: toSlackLogger(logger),
            ...overrides.clientOptions,
            ...slackApi,
            fetch: slackFetch,
          }),
        logger,
        now,
      })
    : null;
  const alertClients = oauthMode?.alertClients ?? makeAlertClient(config.slack.botToken ?? undefined);
  // One queue for everything posted unasked in a channel (alerts, digests): one spacing per channel.
  const alertQueue = createChannelQueue({ logger, now });
  const slackNotifier = createSlackAlertNotifier({
    client: alertClients,
    queue: alertQueue,
    logger,
    environmentLabel: label,
    purchases: store.purchases,
    // actorDeps is built below; this runs only once an alert is posted, long after.
    runway: (teamId, accountId, balanceMils, at) => runwayOf(actorDeps, teamId, accountId, balanceMils, at),
    now,
  });
  const notifier = countPostedAlerts(slackNotifier, metrics);
  // The one owner of remembered logins: the wizard, /postage balance, the Reveal button, alert sweeps,
  // first alert checks and crash recovery all use this instance.
  const remembered = createRememberedLogins({
    credentials: store.credentials,
    guards: store.accountGuards,
    alerts: store.alerts,
    notifier: slackNotifier,
    logger,
    now,
    shared: {
      leases: store.leases,
      once: store.once,
      instanceId,
      leaseTtlMs: HELD_LEASE_TTL_MS,
      waitMs: turnMs * 2,
    },
  });

  const readings: Array<(reading: BalanceReading) => void> = [];
  // Buyers and limits: the one check before every BuyPostage (the wizard's actor, approvals).
  const spending = createSpendingGate({
    settings: store.settings,
    purchases: store.purchases,
    audit: store.audit,
    logger,
    now,
    newId,
  });
  const actorDeps = {
    spending,
    // This instance's purchases of one workspace queue for the lease rather than poll for it (issue 17).
    spendLease: {
      leases: queuedLeases(store.leases, { maxWaitMs: turnMs * 2 }),
      ttlMs: HELD_LEASE_TTL_MS,
      waitMs: turnMs * 2,
    },
    audit: store.audit,
    endicia,
    credentials: store.credentials,
    purchases: store.purchases,
    balanceReadings: store.balanceReadings,
    logger,
    now,
    instanceId,
    remembered,
    onBalanceRead: (reading: BalanceReading) => {
      for (const observe of readings) observe(reading);
    },
  };
  const runner = withTurnLog(
    createWizardRunner({
      machine: wizardMachine.provide({ actors: makeActors(actorDeps) }),
      port: {
        load: (id) => store.sessions.get(id),
        save: (id, persisted, ttlMs) => store.sessions.set(id, persisted, ttlMs),
        delete: (id) => store.sessions.delete(id),
      },
      ttlMs: SESSION_TTL_MS,
      settleTimeoutMs: turnMs,
      lock: turnLeases(store.leases, { owner: instanceId, ttlMs: HELD_LEASE_TTL_MS, waitMs: turnMs * 2 }),
    }),
    logger,
  );

  const monitor = createAlertMonitor({
    alerts: store.alerts,
    endicia,
    notifier,
    logger,
    now,
    intervalMs: config.lowBalanceCheckIntervalSeconds * 1000,
    remembered,
    balanceReadings: store.balanceReadings,
    purchases: store.purchases,
    runwayOf: (teamId, accountId, balanceMils, at) => runwayOf(actorDeps, teamId, accountId, balanceMils, at),
    shared: { leases: store.leases, instanceId },
    // Automatic reload: the approvals' BuyPostage path with the owner's remembered login, unattended.
    reload: {
      buy: (input) => buyReload(actorDeps, input),
      spending,
      settings: store.settings,
      purchases: store.purchases,
      rechecks: { arm: async (requestId) => rechecks?.arm(requestId) },
      once: store.once,
    },
    onSweep: metrics.sweep,
    ...overrides.alerts,
  });
  readings.push((reading) => void monitor.observeBalance(reading));
  const digest = createDigestScheduler({
    alerts: store.alerts,
    balanceReadings: store.balanceReadings,
    purchases: store.purchases,
    once: store.once,
    post: createDigestPoster({ client: alertClients, queue: alertQueue, logger, environmentLabel: label }),
    logger,
    now,
    ...overrides.digest,
  });
  // Every balance the bot reads is kept (forecasts and history read them). Best effort: a reading that
  // cannot be written loses one point of a forecast, never a login or a purchase.
  readings.push((reading) => {
    store.balanceReadings
      .add({
        teamId: reading.teamId,
        accountId: reading.accountId,
        balanceMils: reading.balanceMils,
        readAt: reading.at.toISOString(),
        source: reading.source,
      })
      .catch((error: unknown) => logger.warn('could not keep a balance reading', { error }));
  });

  const background = createBackground(logger);
  // Created once the bot's Slack client exists (below); nothing arms a re-check before the bot starts.
  let rechecks: RecheckSchedule | null = null;
  const deps: BotDeps = {
    rechecks: { arm: async (requestId) => rechecks?.arm(requestId) },
    runner,
    credentials: store.credentials,
    remembered,
    purchases: store.purchases,
    balanceReadings: store.balanceReadings,
    alerts: store.alerts,
    settings: store.settings,
    approvals: store.approvals,
    audit: store.audit,
    spending,
    buyApproved: (input) => buyApproved(actorDeps, input),
    alertControl: {
      // A new subscription is checked at once with its owner's credentials; the reading reaches the
      // monitor like any other (onBalanceRead), so a balance already below alerts right away.
      checkSoon: (teamId, channelId) => {
        const checking = (async () => {
          const sub = await store.alerts.get(teamId, channelId);
          if (!sub) return null;
          // A refusal now is recorded and told to the account's owners by `remembered`, as from a sweep.
          return checkBalance(actorDeps, teamId, sub.ownerUserId);
        })();
        background.run('first alert check', () => checking);
        return checking;
      },
    },
    checkBalance: (teamId, userId) => checkBalance(actorDeps, teamId, userId),
    alertRunway: (teamId, accountId, balanceMils, at) =>
      runwayOf(actorDeps, teamId, accountId, balanceMils, at),
    environmentLabel: label,
    serverUrl: endiciaUrl,
    endiciaEnvironment: config.endicia.environment,
    maxPurchaseCents: config.maxPurchaseCents,
    replyBudgetMs: overrides.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS,
    sessionTtlMs: SESSION_TTL_MS,
    logger,
    newId,
    now,
  };
  const bot = createBot(
    {
      botToken: config.slack.botToken,
      oauth: oauthMode?.oauth ?? null,
      signingSecret: config.slack.signingSecret,
      appToken: config.slack.appToken,
      apiUrl: config.slack.apiUrl,
      port: config.port,
      logger,
      ...(overrides.host ? { host: overrides.host } : {}),
      clientOptions: { ...overrides.clientOptions, fetch: slackFetch },
      routes: [metricsRoute(metrics.registry, config.metricsToken, logger), readyRoute(readiness)],
      onAck: metrics.ack,
      ...(overrides.botId ? { botId: overrides.botId } : {}),
      ...(overrides.botUserId ? { botUserId: overrides.botUserId } : {}),
    },
    deps,
    background,
  );
  // Listed before this instance takes requests: its own pending claims are from its previous life.
  // Others' are in flight while their owner's heartbeat lives. Re-checking (Endicia calls) happens
  // after start-up, so a slow Endicia never delays /healthz.
  const atStart = await store.purchases.listPending();
  const botClients: SlackClients = oauthMode?.botClients ?? bot.app.client;
  const schedule = createRecheckSchedule(
    actorDeps,
    recheckReplies(botClients, { logger, environmentLabel: label }),
    overrides.recheckAfterMs,
    store.once,
  );
  rechecks = schedule;
  const claims = createClaimWatch(actorDeps, {
    leases: store.leases,
    once: store.once,
    instanceId,
    ...overrides.claims,
    unownedAfterMs: turnMs,
    announce: async (recovered) => {
      await announceRecovered(botClients, { logger, environmentLabel: label }, recovered);
      for (const { record, outcome } of recovered)
        if (outcome === 'unconfirmed') await schedule.arm(record.requestId);
    },
  });
  const port = await bot.start();
  await claims.start(atStart);
  // Unconfirmed purchases whose later re-checks a stop cut short: their remaining checks are due again.
  background.run('unconfirmed purchases', async () => {
    for (const record of await store.purchases.listUnconfirmed()) await schedule.arm(record.requestId);
  });
  monitor.start();
  digest.start();
  const expireNow = () => expireApprovals(botClients, deps);
  const expiry = setInterval(() => background.run('expire approvals', expireNow), APPROVAL_SWEEP_MS);
  expiry.unref();
  logger.info('postage bot ready', {
    port,
    mode: config.slack.socketMode ? 'socket' : 'http',
    workspaces: config.slack.oauth ? 'oauth' : 'single',
    endicia: config.endicia.environment,
  });

  return {
    port,
    endiciaUrl,
    store,
    simulator,
    bot,
    monitor,
    digest,
    metrics,
    expireApprovals: expireNow,
    async stop(graceMs = 9_000) {
      clearInterval(expiry);
      await bot.stop();
      await monitor.stop();
      await digest.stop();
      await schedule.stop();
      const drained = await Promise.race([
        Promise.all([runner.drain(), background.drain()])
          .then(() => remembered.drain())
          .then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
      ]);
      if (!drained)
        logger.error(
          'stopped with Endicia calls still in flight; their purchases stay pending in the journal',
        );
      // Drained: nothing of this instance is in flight, its heartbeat can go now.
      await claims.stop(drained);
      if (overrides.store === undefined) await store.close();
      await simulator?.close();
      return { drained };
    },
  };
}
