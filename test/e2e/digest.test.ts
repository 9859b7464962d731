import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSubscription, PurchaseRecord, Store } from '../../src/store/index.ts';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import { FAKE_CLIENT_ID, type FakeSlack } from '../helpers/fake-slack/index.ts';
import { type Instances, startInstances } from '../helpers/instances-harness.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres.ts';
import { purchase } from '../store/helpers/fixtures.ts';
import { installAt, OAUTH_ENV } from './oauth-support.ts';

// The weekly digest end to end: the real app (its scheduler, the workspace's own Slack client, the
// alerts' channel queue) against the fake Slack, on the real clock. A subscription's weekday and hour
// are set relative to now (in UTC), so "due an hour ago" and "25 hours late" need no fake clock.
const MAIN = ACCOUNTS.main;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The timer's first look waits an hour: the tests look when they choose (run()).
const LOOK_WHEN_TOLD = { digest: { firstDelayMs: HOUR }, alerts: { firstSweepDelayMs: HOUR } };

/** The digest fields of a weekday and hour `hoursAgo` ago, on UTC's clock. */
function dueHoursAgo(
  hoursAgo: number,
): Pick<AlertSubscription, 'digestWeekday' | 'digestHour' | 'digestTimeZone'> {
  const at = new Date(Date.now() - hoursAgo * HOUR);
  return {
    digestWeekday: ((at.getUTCDay() + 6) % 7) + 1,
    digestHour: at.getUTCHours(),
    digestTimeZone: 'UTC',
  };
}

async function subscribe(store: Store, teamId: string, channelId: string, hoursAgo: number): Promise<void> {
  await store.alerts.put({
    teamId,
    channelId,
    ownerUserId: 'U0OWNER',
    accountId: MAIN.accountId,
    thresholdMils: 50_000,
    state: 'armed',
    alertMessageTs: null,
    lastBalanceMils: null,
    lastCheckedAt: null,
    createdAt: new Date(Date.now() - 30 * DAY).toISOString(),
    ...dueHoursAgo(hoursAgo),
  });
}

/** Three days of readings: $300.000 → $250.005 → $200.010 (postage used $99.990), and one purchase. */
async function seedWeek(store: Store, teamId: string): Promise<void> {
  const now = Date.now();
  for (const [daysAgo, balanceMils] of [
    [3, 300_000],
    [2, 250_005],
    [1, 200_010],
  ] as const) {
    await store.balanceReadings.add({
      teamId,
      accountId: MAIN.accountId,
      balanceMils,
      readAt: new Date(now - daysAgo * DAY).toISOString(),
      source: 'sweep',
    });
  }
  const at = new Date(now - 4 * DAY).toISOString();
  await store.purchases.begin(
    confirmed({ requestId: `R-DIGEST-${teamId}`, teamId, userId: 'U0BUYER', accountId: MAIN.accountId, at }),
  );
}

/** A confirmed purchase of $25.00 made at `at`, as the journal keeps it (no channel: bought elsewhere). */
function confirmed(
  fields: Pick<PurchaseRecord, 'requestId' | 'teamId' | 'userId' | 'accountId'> & { at: string },
) {
  const { at, ...ids } = fields;
  return purchase({
    ...ids,
    amountMils: 25_000,
    balanceBeforeMils: null,
    state: 'confirmed',
    channelId: null,
    createdAt: at,
    updatedAt: at,
  });
}

const digestsIn = (fake: FakeSlack, channel: string) =>
  fake.messagesIn(channel).filter((m) => (m.text ?? '').includes('Weekly postage digest'));

describe('the weekly digest in OAuth mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { ...OAUTH_ENV, SLACK_CLIENT_ID: FAKE_CLIENT_ID },
      overrides: LOOK_WHEN_TOLD,
    });
    const base = `http://127.0.0.1:${h.running.port}`;
    for (const teamId of ['T1', 'T2']) {
      expect((await installAt(base, h.fake, { teamId, userId: `UADMIN${teamId}` })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.fake.violations).toEqual([]);
  });

  it('posts each workspace’s digest with its own token, once, and not again after a restart', async () => {
    for (const [teamId, channel] of [
      ['T1', 'C0DIGONE'],
      ['T2', 'C0DIGTWO'],
    ] as const) {
      await subscribe(h.running.store, teamId, channel, 1);
      await seedWeek(h.running.store, teamId);
    }
    expect(await h.running.digest.run()).toMatchObject({ due: 2, posted: 2 });
    for (const [teamId, channel] of [
      ['T1', 'C0DIGONE'],
      ['T2', 'C0DIGTWO'],
    ] as const) {
      const [digest, ...more] = digestsIn(h.fake, channel);
      expect(more).toEqual([]);
      expect(digest?.text).toBe(
        `[SIMULATOR — no real postage] Weekly postage digest for account ${MAIN.accountId}: $99.99 used, $25.00 bought, balance $200.01.`,
      );
      const blocks = JSON.stringify(digest?.blocks);
      expect(blocks).toContain('*Postage used:* $99.99 over the last 7 days');
      expect(blocks).toContain('<@U0BUYER> *$25.00*');
      // $200.010 at $99.990 per 2 days: 4.0 days.
      expect(blocks).toContain("*Runway:* about 4 days left at this week's rate");
      const posts = h.fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel);
      expect(posts.map((c) => c.token)).toEqual([h.fake.workspaces.tokenOf(teamId)]);
    }
    await h.running.digest.run();
    expect(await h.restart()).toEqual({ drained: true });
    expect(await h.running.digest.run()).toMatchObject({ due: 2, posted: 0, elsewhere: 2 });
    expect(digestsIn(h.fake, 'C0DIGONE')).toHaveLength(1);
    expect(digestsIn(h.fake, 'C0DIGTWO')).toHaveLength(1);
  });

  it('a channel the bot is not in: logged with Slack’s code, not tried again', async () => {
    h.fake.refuseChannel('C0DIGSHUT', 'not_in_channel');
    await subscribe(h.running.store, 'T1', 'C0DIGSHUT', 2);
    const logged = h.logs.length;
    expect(await h.running.digest.run()).toMatchObject({ due: 1, failed: 1 });
    expect(await h.running.digest.run()).toMatchObject({ due: 0 });
    const attempts = h.fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'C0DIGSHUT');
    expect(attempts).toHaveLength(1);
    const lines = h.logs.slice(logged).filter((l) => l.includes('weekly digest not posted'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('not_in_channel');
    expect(h.logs.join('\n')).not.toMatch(/xoxb-T/);
  });

  it('a busy week: 20 purchases listed and the rest counted, within what Slack accepts', async () => {
    await subscribe(h.running.store, 'T2', 'C0DIGBUSY', 1);
    const now = Date.now();
    for (let i = 0; i < 32; i += 1) {
      const at = new Date(now - (i + 1) * HOUR).toISOString();
      await h.running.store.purchases.begin({
        ...confirmed({
          requestId: `R-BUSY-${i}`,
          teamId: 'T2',
          userId: `U0BUSY${i}`,
          accountId: '2699999',
          at,
        }),
        amountMils: 99_999_990,
      });
    }
    const sub = await h.running.store.alerts.get('T2', 'C0DIGBUSY');
    await h.running.store.alerts.put({ ...(sub as AlertSubscription), accountId: '2699999' });
    expect(await h.running.digest.run()).toMatchObject({ due: 1, posted: 1 });
    const [digest] = digestsIn(h.fake, 'C0DIGBUSY');
    const blocks = JSON.stringify(digest?.blocks);
    expect(blocks.match(/• <@U0BUSY\d+> \*\$99,999\.99\*/g)).toHaveLength(20);
    expect(blocks).toContain('…and 12 more.');
    expect(digest?.text).toContain('$3,199,999.68 bought');
    expect(h.fake.violations).toEqual([]);
  });

  it('a digest missed by more than 24 hours is skipped; one 22½ to 23½ hours late is posted', async () => {
    await subscribe(h.running.store, 'T1', 'C0DIGLATE', 22.5);
    await subscribe(h.running.store, 'T1', 'C0DIGTOOLATE', 25);
    expect(await h.running.digest.run()).toMatchObject({ due: 1, posted: 1 });
    expect(digestsIn(h.fake, 'C0DIGLATE')).toHaveLength(1);
    expect(digestsIn(h.fake, 'C0DIGTOOLATE')).toHaveLength(0);
  });
});

/** Two app instances on one store, each looking at once: one digest in the channel. */
async function oneDigestOnTwoInstances(x: Instances): Promise<void> {
  await subscribe(x.store, 'T1', 'C0DIGBOTH', 1);
  await seedWeek(x.store, 'T1');
  const reports = await Promise.all(x.apps.map((app) => app.digest.run()));
  expect(reports.map((r) => r.posted).sort()).toEqual([0, 1]);
  await Promise.all(x.apps.map((app) => app.digest.run()));
  expect(digestsIn(x.fake, 'C0DIGBOTH')).toHaveLength(1);
  expect(x.fake.violations).toEqual([]);
}

describe('the weekly digest on two instances', () => {
  let x: Instances | undefined;
  const drops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await x?.close();
    for (const drop of drops.splice(0)) await drop();
  });

  it('one SQLite file, each instance opening it: one digest', async () => {
    x = await startInstances({ count: 2, separateStores: true, overrides: () => LOOK_WHEN_TOLD });
    await oneDigestOnTwoInstances(x);
  });

  describePostgres('on PostgreSQL', () => {
    it('one PostgreSQL database: one digest', async () => {
      const database = await createTestDatabase();
      drops.push(database.drop);
      x = await startInstances({ count: 2, storeUrl: database.url, overrides: () => LOOK_WHEN_TOLD });
      await oneDigestOnTwoInstances(x);
    });
  });
});
