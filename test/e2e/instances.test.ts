import type { ViewOutput } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { createEndiciaClient } from '../../src/endicia/index.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { PurchaseRecord } from '../../src/store/index.ts';
import { MIGRATIONS } from '../../src/store/sql/migrations/index.ts';
import { ACCOUNTS, SIGNING_SECRET } from '../helpers/bot-harness.ts';
import {
  interactiveBody,
  type SlackUser,
  signRequest,
  viewSubmissionPayload,
} from '../helpers/fake-slack/index.ts';
import { type Instances, startInstances } from '../helpers/instances-harness.ts';
import { createTestDatabase, describePostgres, withClient } from '../helpers/postgres.ts';
import { eventually, loggedIn, page, reviewed } from './support.ts';

// Three app instances on one store, Slack's requests spread round-robin over them (issue 12).
const MAIN = ACCOUNTS.main;
const FAST_CLAIMS = { heartbeatMs: 100, heartbeatTtlMs: 400, scanEveryMs: 200 };

let h: Instances | undefined;
const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  expect(h?.fake.violations).toEqual([]);
  await h?.close();
  h = undefined;
  for (const drop of drops.splice(0)) await drop();
});

/** Where the instances keep their store: each opens it itself, as separate processes would. */
type Backend = () => Promise<Parameters<typeof startInstances>[0]>;
let backend: Backend = async () => ({});

async function started(options: Parameters<typeof startInstances>[0] = {}): Promise<Instances> {
  h = await startInstances({ ...(await backend()), ...options });
  return h;
}

/** `view` submitted by `user` straight to their instance (a signed request the driver would not make). */
async function submitAt(x: Instances, user: SlackUser, view: ViewOutput) {
  const form = interactiveBody(viewSubmissionPayload(user.actor, view, x.fake.issueTriggerId(user.key)));
  return user.postRaw(form, { ...signRequest(SIGNING_SECRET, form) });
}

/** Top-level messages in a channel (a recovery's thread reply is not a second alert). */
const alerts = (x: Instances, channel: string) => x.fake.messagesIn(channel).filter((m) => !m.threadTs);
const recredits = (x: Instances) => x.sim.account(MAIN.accountId)?.recredits ?? 0;
const buys = (x: Instances) => x.sim.calls.filter((call) => call.op === 'BuyPostage').length;
const statusCalls = (x: Instances, accountId = MAIN.accountId) =>
  x.sim.calls.filter((call) => call.op === 'GetAccountStatus' && call.accountId === accountId).length;

function cases(): void {
  it('the same Confirm delivered to two instances at once: one recredit, one receipt', async () => {
    const x = await started();
    const identity = { teamId: 'T1', userId: 'U0TWO', channelId: 'C0TWO' };
    const user = x.driver.user(identity);
    await loggedIn(user, MAIN);
    const confirming = await reviewed(user, '10');
    const [before, calls] = [recredits(x), buys(x)];
    x.sim.setLatency(1_500);
    const [at0, at1] = [x.driverFor(0).user(identity), x.driverFor(1).user(identity)];
    const answers = await Promise.all([submitAt(x, at0, confirming), submitAt(x, at1, confirming)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    // Neither says "expired": one shows the working page, the other too (or the result).
    for (const answer of answers) expect(answer.text).not.toContain('no longer active');
    await x.fake.waitFor(() => x.fake.messagesIn('C0TWO')[0]);
    x.sim.setLatency(0);
    await Promise.all(
      x.apps.map((app) => app.stop(10_000).then(({ drained }) => expect(drained).toBe(true))),
    );
    x.apps.length = 0;
    expect(recredits(x)).toBe(before + 1);
    expect(buys(x)).toBe(calls + 1);
    expect(x.fake.messagesIn('C0TWO')).toHaveLength(1);
  });

  it('an alert sweep at every instance: one status call per account per interval, one alert, one edit', async () => {
    const x = await started();
    await x.store.credentials.set('T1', 'U0ALERT', {
      accountId: MAIN.accountId,
      passPhrase: MAIN.passPhrase,
      savedAt: new Date().toISOString(),
      monitorBlockedAt: null,
    });
    const createdAt = new Date().toISOString();
    for (const channelId of ['C0LOW1', 'C0LOW2']) {
      await x.store.alerts.put({
        teamId: 'T1',
        channelId,
        ownerUserId: 'U0ALERT',
        accountId: MAIN.accountId,
        thresholdMils: 200_000,
        state: 'armed',
        alertMessageTs: null,
        lastBalanceMils: null,
        lastCheckedAt: null,
        createdAt,
      });
    }
    // Each instance's scheduled sweep of this interval, all at once and then staggered.
    const calls = statusCalls(x);
    await Promise.all(x.apps.slice(0, 2).map((app) => app.monitor.sweep()));
    await x.apps[2]?.monitor.sweep();
    expect(statusCalls(x)).toBe(calls + 1);
    await x.fake.waitFor(() => x.fake.messagesIn('C0LOW2')[0]);
    expect(alerts(x, 'C0LOW1')).toHaveLength(1);
    expect(alerts(x, 'C0LOW2')).toHaveLength(1);

    // The next interval (its lease given up as if it had lapsed), after a top-up: one read, one edit each.
    const holder = await x.store.leases.holder(`sweep:T1:${MAIN.accountId}`);
    if (holder) await x.store.leases.release(holder.name, holder.owner);
    await createEndiciaClient({ baseUrl: x.sim.url, requesterId: 'lxxx', timeoutMs: 5_000 }).buyPostage(
      { accountId: MAIN.accountId, passPhrase: MAIN.passPhrase },
      200_000,
      { requestId: 'outside-top-up' },
    );
    const edits = x.fake.callsTo('chat.update').length;
    await Promise.all(x.apps.map((app) => app.monitor.sweep()));
    expect(statusCalls(x)).toBe(calls + 2);
    await eventually(async () => x.fake.callsTo('chat.update').length >= edits + 2, 'the recovery edits');
    await Promise.all(x.apps.map((app) => app.stop(10_000)));
    x.apps.length = 0;
    expect(x.fake.callsTo('chat.update').length).toBe(edits + 2);
    for (const channel of ['C0LOW1', 'C0LOW2']) {
      expect(alerts(x, channel)).toHaveLength(1);
      expect(alerts(x, channel)[0]?.edits).toBe(1);
    }
  });

  it('a pass phrase changed outside the bot: at most one failed login in total, each owner told once', async () => {
    const x = await started();
    const owners = ['U0OWN1', 'U0OWN2', 'U0OWN3'];
    const createdAt = new Date().toISOString();
    for (const [i, userId] of owners.entries()) {
      await x.store.credentials.set('T1', userId, {
        accountId: MAIN.accountId,
        passPhrase: 'an old <stale> pass phrase',
        savedAt: createdAt,
        monitorBlockedAt: null,
      });
      await x.store.alerts.put({
        teamId: 'T1',
        channelId: `C0OWN${i}`,
        ownerUserId: userId,
        accountId: MAIN.accountId,
        thresholdMils: 50_000,
        state: 'armed',
        alertMessageTs: null,
        lastBalanceMils: null,
        lastCheckedAt: null,
        createdAt,
      });
    }
    // Every instance sweeps, and every owner asks for the balance, at once.
    const people = owners.map((userId, i) => x.driver.user({ teamId: 'T1', userId, channelId: `C0OWN${i}` }));
    await Promise.all([
      ...x.apps.map((app) => app.monitor.sweep()),
      ...people.map((person) => person.command('/postage', 'balance')),
    ]);
    await Promise.all(x.apps.map((app) => app.monitor.sweep()));
    expect(x.sim.account(MAIN.accountId)?.badAttempts).toBeLessThanOrEqual(1);
    await Promise.all(x.apps.map((app) => app.stop(10_000)));
    x.apps.length = 0;
    expect(x.sim.account(MAIN.accountId)?.badAttempts).toBeLessThanOrEqual(1);
    // Each owner: one direct message, one note in their alert's channel.
    const dms = x.fake.callsTo('conversations.open').map((call) => call.args['users']);
    expect([...dms].sort()).toEqual(owners);
    for (const i of [0, 1, 2]) expect(x.fake.messagesIn(`C0OWN${i}`)).toHaveLength(1);
  });

  it('a claim whose instance is gone is re-checked once by another, never bought again, its buyer told once', async () => {
    const x = await started({ overrides: () => ({ claims: FAST_CLAIMS }) });
    await x.store.credentials.set('T1', 'U0GONE', {
      accountId: MAIN.accountId,
      passPhrase: MAIN.passPhrase,
      savedAt: new Date().toISOString(),
      monitorBlockedAt: null,
    });
    const at = new Date().toISOString();
    const claim: PurchaseRecord = {
      requestId: 'claimed-by-a-dead-instance',
      teamId: 'T1',
      userId: 'U0GONE',
      accountId: MAIN.accountId,
      amountMils: 25_000,
      balanceBeforeMils: x.sim.account(MAIN.accountId)?.balanceMils ?? null,
      balanceAfterMils: null,
      transactionId: null,
      message: null,
      state: 'pending',
      channelId: 'C0GONE',
      ownerInstance: 'instance-killed',
      createdAt: at,
      updatedAt: at,
    };
    await x.store.purchases.begin(claim);
    const [before, calls] = [recredits(x), buys(x)];
    const notice = await x.fake.waitFor(() => x.fake.messagesIn('C0GONE')[0], { timeoutMs: 10_000 });
    expect(notice.text).toMatch(/could not be confirmed/i);
    expect((await x.store.purchases.get(claim.requestId))?.state).toBe('unconfirmed');
    // Several more scans at every instance: nothing more.
    await new Promise((resolve) => setTimeout(resolve, FAST_CLAIMS.scanEveryMs * 4));
    await Promise.all(x.apps.map((app) => app.stop(10_000)));
    x.apps.length = 0;
    expect(x.fake.messagesIn('C0GONE')).toHaveLength(1);
    expect(recredits(x)).toBe(before);
    expect(buys(x)).toBe(calls);
  });

  it('an instance that starts while another is mid-purchase never "recovers" that purchase', async () => {
    const x = await started({ count: 2, overrides: () => ({ claims: FAST_CLAIMS }) });
    const user = x.driverFor(0).user({ teamId: 'T1', userId: 'U0LIVE', channelId: 'C0LIVE' });
    await loggedIn(user, MAIN);
    await reviewed(user, '10');
    x.sim.setLatency(2_500);
    const confirm = user.submit();
    // The claim is in the journal (pending) until Endicia's answer, 2.5 s later: start the third instance
    // inside that window (the simulator records a call only when it answers).
    await eventually(async () => (await x.store.purchases.listPending()).length > 0, 'the purchase claimed');
    // A third instance starts now (a rolling deploy), and every instance scans meanwhile.
    const late = await compose(loadConfig(x.env), createLogger({ level: 'error' }), {
      host: '127.0.0.1',
      clientOptions: { retryConfig: { retries: 0 } },
      botId: 'B0FAKE',
      botUserId: 'U0FAKEBOT',
      instanceId: 'instance-late',
      store: x.store,
      claims: FAST_CLAIMS,
    });
    x.apps.push(late);
    await confirm;
    await user.waitForView(page('done'));
    const receipt = await x.fake.waitFor(() => x.fake.messagesIn('C0LIVE')[0]);
    expect(receipt.text).toContain('$10.00');
    await Promise.all(x.apps.map((app) => app.stop(10_000)));
    x.apps.length = 0;
    expect(x.fake.messagesIn('C0LIVE')).toHaveLength(1);
    expect(x.fake.messagesIn('C0LIVE')[0]?.text).not.toMatch(/could not be confirmed/i);
  });
}

describePostgres('three instances on one PostgreSQL', () => {
  beforeEach(() => {
    backend = async () => {
      const database = await createTestDatabase();
      drops.push(database.drop);
      return { storeUrl: database.url };
    };
  });
  cases();

  it('three instances starting at once on an empty database: the schema migrated once, all serve', async () => {
    const x = await started();
    expect(x.apps).toHaveLength(3);
    const applied = await withClient(x.env['POSTAGE_STORE_URL'] ?? '', (client) =>
      client.query<{ name: string }>('select name from kysely_migration'),
    );
    expect(applied.rows.map((row) => row.name).sort()).toEqual(Object.keys(MIGRATIONS).sort());
    for (const app of x.apps) await app.store.ping();
  });
});

describe('two instances on one SQLite file (each its own connections, as two processes)', () => {
  beforeEach(() => {
    backend = async () => ({ separateStores: true, count: 2 });
  });
  cases();
});
