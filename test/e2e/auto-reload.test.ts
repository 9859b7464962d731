import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_POST_GRACE_MS } from '../../src/alerts/auto-reload.ts';
import { defaultSettings } from '../../src/bot/settings/team-settings.ts';
import { compose, type Running } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { AlertSubscription, Store, TeamSettings } from '../../src/store/index.ts';
import { ACCOUNTS } from '../helpers/bot-harness.ts';
import { type Instances, startInstances } from '../helpers/instances-harness.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres.ts';
import { eventually } from './support.ts';

// Automatic reload (issue 15) on two app instances over one store (a SQLite file each instance opens
// itself, and PostgreSQL), the simulator over HTTP and the fake Slack.
const MAIN = ACCOUNTS.main;
const OWNER = 'U0RELOAD';

let h: Instances | undefined;
const extra: Running[] = [];
const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  expect(h?.fake.violations).toEqual([]);
  for (const app of extra.splice(0)) await app.stop(5_000);
  await h?.close();
  h = undefined;
  for (const drop of drops.splice(0)) await drop();
});

type Backend = () => Promise<Parameters<typeof startInstances>[0]>;
let backend: Backend = async () => ({});

async function started(options: Parameters<typeof startInstances>[0] = {}): Promise<Instances> {
  h = await startInstances({ count: 2, ...(await backend()), ...options });
  return h;
}

const buys = (x: Instances) => x.sim.calls.filter((call) => call.op === 'BuyPostage').length;
const recredits = (x: Instances) => x.sim.account(MAIN.accountId)?.recredits ?? 0;
const topLevel = (x: Instances, channel: string) => x.fake.messagesIn(channel).filter((m) => !m.threadTs);
const replies = (x: Instances, channel: string) => x.fake.messagesIn(channel).filter((m) => m.threadTs);
const text = (message: unknown) => JSON.stringify(message ?? null);

/** The owner remembers `passPhrase` for MAIN; the channel's alert has reload on (confirmed by the owner). */
async function reloadOn(
  store: Store,
  channelId: string,
  options: {
    thresholdMils: number;
    amountMils: number;
    perDay?: number;
    passPhrase?: string;
    sub?: Partial<AlertSubscription>;
  },
): Promise<void> {
  const at = new Date().toISOString();
  await store.credentials.set('T1', OWNER, {
    accountId: MAIN.accountId,
    passPhrase: options.passPhrase ?? MAIN.passPhrase,
    savedAt: at,
    monitorBlockedAt: null,
  });
  await store.alerts.put({
    teamId: 'T1',
    channelId,
    ownerUserId: OWNER,
    accountId: MAIN.accountId,
    thresholdMils: options.thresholdMils,
    state: 'armed',
    alertMessageTs: null,
    lastBalanceMils: null,
    lastCheckedAt: null,
    createdAt: at,
    reloadAmountMils: options.amountMils,
    reloadsPerDay: options.perDay ?? 1,
    reloadOnAt: at,
    reloadOnBy: OWNER,
    ...options.sub,
  });
}

/** The same balance reading (say, someone's login) reaching every instance at once. */
async function readingEverywhere(x: Instances, balanceMils: number, apps = x.apps): Promise<void> {
  const at = new Date();
  await Promise.all(
    apps.map((app) =>
      app.monitor.observeBalance({
        teamId: 'T1',
        accountId: MAIN.accountId,
        balanceMils,
        at,
        source: 'login',
      }),
    ),
  );
}

/**
 * Every instance's readings queued so far applied (the reload's own reading among them): a reading from
 * the epoch waits its turn behind them on each subscription of the account, then changes nothing.
 */
async function settledAt(app: Running): Promise<void> {
  await app.monitor.observeBalance({
    teamId: 'T1',
    accountId: MAIN.accountId,
    balanceMils: 0,
    at: new Date(0),
    source: 'login',
  });
}
async function settled(x: Instances): Promise<void> {
  for (const app of [...x.apps, ...extra]) await settledAt(app);
}

function settingsWith(patch: Partial<TeamSettings>): TeamSettings {
  return { ...defaultSettings('T1'), ...patch };
}

function cases(): void {
  it('a crossing seen at both instances at once: one alert, one reload, its receipt in the thread', async () => {
    const x = await started();
    await reloadOn(x.store, 'C0RL1', { thresholdMils: 200_000, amountMils: 100_000 });
    const [calls, before] = [buys(x), recredits(x)];
    await readingEverywhere(x, 120_500);
    await eventually(async () => replies(x, 'C0RL1').length >= 2, 'the receipt and the recovery');
    await settled(x);
    expect(buys(x)).toBe(calls + 1);
    expect(recredits(x)).toBe(before + 1);
    expect(topLevel(x, 'C0RL1')).toHaveLength(1);
    const alert = topLevel(x, 'C0RL1')[0];
    const thread = replies(x, 'C0RL1').filter((m) => m.threadTs === alert?.ts);
    expect(thread.map((m) => m.text)).toContainEqual(
      expect.stringContaining('Automatic reload: $100.00, new balance $220.50.'),
    );
    // The alert itself is edited (reload shown, then recovered), not a new channel message.
    expect(alert?.edits).toBeGreaterThanOrEqual(1);
    expect(text(alert)).toContain('Topped up through the bot by <@U0RELOAD> ($100.00, automatic reload)');
    // An audit record like any purchase's, and the journal's entry under the crossing's id.
    const sub = await x.store.alerts.get('T1', 'C0RL1');
    expect(sub?.state).toBe('armed');
    const journal = await x.store.purchases.listByTeam('T1', 10);
    expect(journal.filter((p) => p.requestId.startsWith('reload:T1:C0RL1:'))).toMatchObject([
      { state: 'confirmed', userId: OWNER, amountMils: 100_000 },
    ]);
    const audit = await x.store.audit.list('T1', 20);
    expect(audit.filter((a) => a.kind === 'purchase' && a.actorId === OWNER)).toHaveLength(1);
  });

  it('a crossing left undecided (a crash after the alert) read by both instances at once: one purchase', async () => {
    const x = await started();
    // Marked longer ago than a post may take: its instance died before keeping the alert's ts.
    const alertedAt = new Date(Date.now() - ALERT_POST_GRACE_MS - 60_000).toISOString();
    await reloadOn(x.store, 'C0RL2', {
      thresholdMils: 300_000,
      amountMils: 50_000,
      sub: { state: 'alerted', alertedAt, alertMessageTs: null, lastBalanceMils: 120_500 },
    });
    const calls = buys(x);
    // Twice each, at once: the journal's claim under the crossing's id lets one through.
    await Promise.all([readingEverywhere(x, 120_500), readingEverywhere(x, 120_500)]);
    await settled(x);
    expect(buys(x)).toBe(calls + 1);
    const record = await x.store.purchases.get(`reload:T1:C0RL2:${alertedAt}`);
    expect(record).toMatchObject({ state: 'confirmed', amountMils: 50_000 });
    expect((await x.store.alerts.get('T1', 'C0RL2'))?.reloadNote).toBe(
      'Automatic reload: $50.00, new balance $170.50.',
    );
  });

  it('an alert another instance is still posting (marked, no ts yet) is left to it; once it has its ts, reloaded once', async () => {
    const x = await started();
    const alertedAt = new Date().toISOString();
    await reloadOn(x.store, 'C0RL10', {
      thresholdMils: 300_000,
      amountMils: 50_000,
      sub: { state: 'alerted', alertedAt, alertMessageTs: null, lastBalanceMils: 120_500 },
    });
    const calls = buys(x);
    await readingEverywhere(x, 120_500);
    await settled(x);
    // Deciding now would write a note the alert (not posted yet) could not show, and lose its ts.
    expect(buys(x)).toBe(calls);
    expect((await x.store.alerts.get('T1', 'C0RL10'))?.reloadNote ?? null).toBeNull();
    const sub = await x.store.alerts.get('T1', 'C0RL10');
    if (sub === undefined) throw new Error('the subscription is gone');
    await x.store.alerts.put({ ...sub, alertMessageTs: '1700000000.000100' });
    await readingEverywhere(x, 120_500);
    await settled(x);
    expect(buys(x)).toBe(calls + 1);
    expect((await x.store.alerts.get('T1', 'C0RL10'))?.alertMessageTs).toBe('1700000000.000100');
  });

  it('across a restart: the crossing reloaded before is not reloaded again; an undecided one once', async () => {
    const x = await started();
    await reloadOn(x.store, 'C0RL3', { thresholdMils: 300_000, amountMils: 50_000 });
    await readingEverywhere(x, 120_500, x.apps.slice(0, 1));
    await settled(x);
    expect(buys(x)).toBe(1);
    // Every instance stops; a new one starts on the same store and sweeps: still below, same crossing.
    await Promise.all(x.apps.map((app) => app.stop(5_000)));
    x.apps.length = 0;
    const again = await compose(loadConfig(x.env), createLogger({ level: 'error' }), {
      host: '127.0.0.1',
      clientOptions: { retryConfig: { retries: 0 } },
      botId: 'B0FAKE',
      botUserId: 'U0FAKEBOT',
      instanceId: 'instance-restarted',
      alerts: { spreadMs: 0, firstSweepDelayMs: 3_600_000 },
    });
    extra.push(again);
    const report = await again.monitor.sweep();
    expect(report.statusCalls).toBe(1);
    await settledAt(again);
    expect(buys(x)).toBe(1);
    expect(report.reloads).toBe(0);
    // A crossing whose alert was marked but whose reload never ran (a crash in between): made once now.
    const alertedAt = new Date(Date.now() - ALERT_POST_GRACE_MS - 60_000).toISOString();
    await reloadOn(again.store, 'C0RL4', {
      thresholdMils: 300_000,
      amountMils: 25_000,
      sub: { state: 'alerted', alertedAt, alertMessageTs: null, lastBalanceMils: 170_500 },
    });
    const holder = await again.store.leases.holder(`sweep:T1:${MAIN.accountId}`);
    if (holder) await again.store.leases.release(holder.name, holder.owner);
    expect((await again.monitor.sweep()).reloads).toBe(1);
    await settledAt(again);
    expect(buys(x)).toBe(2);
    expect(await again.store.purchases.get(`reload:T1:C0RL4:${alertedAt}`)).toMatchObject({
      state: 'confirmed',
    });
  });

  it('a refused login turns reload off, tells the owner once, and costs at most one failed login', async () => {
    const x = await started();
    await reloadOn(x.store, 'C0RL5', {
      thresholdMils: 200_000,
      amountMils: 100_000,
      passPhrase: 'a pass phrase changed <outside> the bot',
    });
    const calls = buys(x);
    // Someone else's login read the low balance; both instances apply it, then both sweep twice.
    await readingEverywhere(x, 120_500);
    await settled(x);
    await Promise.all(x.apps.map((app) => app.monitor.sweep()));
    await Promise.all(x.apps.map((app) => app.monitor.sweep()));
    await settled(x);
    expect(x.sim.account(MAIN.accountId)?.badAttempts).toBeLessThanOrEqual(1);
    expect(buys(x) - calls).toBeLessThanOrEqual(1);
    const sub = await x.store.alerts.get('T1', 'C0RL5');
    expect(sub?.reloadOnAt ?? null).toBeNull();
    expect(sub?.reloadOffReason).toContain('Automatic reload of $100.00 failed');
    const notices = x.fake
      .callsTo('chat.postMessage')
      .filter((call) => String(call.args['text']).includes('Low-balance alerts in <#C0RL5>'));
    expect(notices).toHaveLength(1);
    await eventually(async () => text(topLevel(x, 'C0RL5')[0]).includes('failed'), 'the alert edited');
    const shown = JSON.stringify(
      (await x.driver.user({ teamId: 'T1', userId: OWNER, channelId: 'C0RL5' }).command('/postage', 'alerts'))
        .body,
    );
    expect(shown).toContain('off: the bot turned it off.');
  });

  it('the daily limit and the approval threshold hold it back; the alert says why', async () => {
    const x = await started();
    await x.store.settings.put(settingsWith({ dailyLimitMils: 50_000 }));
    await reloadOn(x.store, 'C0RL6', { thresholdMils: 200_000, amountMils: 100_000 });
    const calls = buys(x);
    await readingEverywhere(x, 120_500);
    await settled(x);
    await eventually(async () => text(topLevel(x, 'C0RL6')[0]).includes('not made'), 'the alert edited');
    expect(text(topLevel(x, 'C0RL6')[0])).toContain(
      "Automatic reload of $100.00 not made: it is over the owner's daily limit (24 hours); $50.00 left.",
    );
    const refusals = (await x.store.audit.list('T1', 20)).filter((a) => a.kind === 'limit-refusal');
    expect(refusals).toHaveLength(1);

    await x.store.settings.put(settingsWith({ approvalAboveMils: 75_000, approverIds: ['U0BOSS'] }));
    await reloadOn(x.store, 'C0RL7', { thresholdMils: 200_000, amountMils: 100_000 });
    await readingEverywhere(x, 120_000);
    await settled(x);
    await eventually(async () => text(topLevel(x, 'C0RL7')[0]).includes('not made'), 'the alert edited');
    expect(text(topLevel(x, 'C0RL7')[0])).toContain("above the workspace's approval threshold of $75.00");
    expect(buys(x)).toBe(calls);
    // Decided once per crossing: later readings neither buy nor edit again.
    const edits = topLevel(x, 'C0RL7')[0]?.edits;
    await readingEverywhere(x, 119_000);
    await settled(x);
    expect(topLevel(x, 'C0RL7')[0]?.edits).toBe(edits);
    expect(buys(x)).toBe(calls);
  });

  it('a lost answer: re-checked in the thread, and no further reload until it is settled', async () => {
    const x = await started();
    await reloadOn(x.store, 'C0RL8', { thresholdMils: 200_000, amountMils: 100_000, perDay: 5 });
    x.sim.inject({ kind: 'lost-answer', op: 'BuyPostage' });
    const calls = buys(x);
    await readingEverywhere(x, 120_500, x.apps.slice(0, 1));
    await settled(x);
    expect(buys(x)).toBe(calls + 1);
    const [record] = (await x.store.purchases.listByTeam('T1', 5)).filter((p) =>
      p.requestId.startsWith('reload:T1:C0RL8:'),
    );
    expect(record?.state).toBe('unconfirmed');
    expect(record?.receipt?.channelId).toBe('C0RL8');
    await eventually(
      async () => replies(x, 'C0RL8').some((m) => String(m.text).includes("Endicia's answer was lost")),
      'the lost answer in the thread',
    );
    // The balance recovers (the purchase did go through), then crosses again: held while unsettled.
    await readingEverywhere(x, 250_000, x.apps.slice(0, 1));
    await readingEverywhere(x, 110_000, x.apps.slice(0, 1));
    await settled(x);
    expect(buys(x)).toBe(calls + 1);
    await eventually(
      async () => text(topLevel(x, 'C0RL8').at(-1)).includes('not known yet'),
      'the second alert says why',
    );
    // Settled (the re-check decided it): the next crossing reloads again.
    await x.store.purchases.update(record?.requestId ?? '', {
      state: 'confirmed',
      recheckClosedAt: new Date().toISOString(),
    });
    await readingEverywhere(x, 250_000, x.apps.slice(0, 1));
    await readingEverywhere(x, 105_000, x.apps.slice(0, 1));
    await settled(x);
    expect(buys(x)).toBe(calls + 2);
  });

  it('a lost answer the re-checks could not confirm turns reload off and tells the owner; turned on again, it reloads', async () => {
    const x = await started();
    await reloadOn(x.store, 'C0RL9', { thresholdMils: 200_000, amountMils: 100_000, perDay: 5 });
    x.sim.inject({ kind: 'lost-answer', op: 'BuyPostage' });
    const calls = buys(x);
    const one = x.apps.slice(0, 1);
    await readingEverywhere(x, 120_500, one);
    await settled(x);
    expect(buys(x)).toBe(calls + 1);
    const [record] = (await x.store.purchases.listByTeam('T1', 5)).filter((p) =>
      p.requestId.startsWith('reload:T1:C0RL9:'),
    );
    expect(record?.state).toBe('unconfirmed');
    // The re-checks ended without an answer ("could not be confirmed"): holding every later crossing
    // would hold them forever, so the next crossing turns reload off and the owner hears it once.
    await x.store.purchases.update(record?.requestId ?? '', { recheckClosedAt: new Date().toISOString() });
    await readingEverywhere(x, 250_000, one);
    await readingEverywhere(x, 108_000, one);
    await settled(x);
    expect(buys(x)).toBe(calls + 1);
    const off = await x.store.alerts.get('T1', 'C0RL9');
    if (off === undefined) throw new Error('the subscription is gone');
    expect(off.reloadOnAt ?? null).toBeNull();
    expect(off.reloadOffReason).toContain('could not be confirmed');
    const saying = (method: string) =>
      x.fake
        .callsTo(method)
        .filter((call) =>
          JSON.stringify(call.args).includes('could not be confirmed (the balance did not tell)'),
        );
    await eventually(async () => saying('chat.update').length >= 1, 'the alert edited to say why');
    // Told once: a DM to the owner, nothing new in the channel.
    await eventually(async () => saying('chat.postMessage').length === 1, 'the owner told');
    expect(saying('chat.postMessage')[0]?.args['channel']).not.toBe('C0RL9');
    // The owner checked and turns it on again: the lost reload from before no longer holds a crossing.
    await x.store.alerts.put({
      ...off,
      reloadOnAt: new Date().toISOString(),
      reloadOnBy: OWNER,
      reloadOffReason: null,
    });
    await readingEverywhere(x, 250_000, one);
    await readingEverywhere(x, 105_000, one);
    await settled(x);
    expect(buys(x)).toBe(calls + 2);
  });
}

describe('automatic reload: two instances on one SQLite file (each its own connections)', () => {
  beforeEach(() => {
    backend = async () => ({ separateStores: true });
  });
  cases();
});

describePostgres('automatic reload: two instances on one PostgreSQL', () => {
  beforeEach(() => {
    backend = async () => {
      const database = await createTestDatabase();
      drops.push(database.drop);
      return { storeUrl: database.url };
    };
  });
  cases();
});
