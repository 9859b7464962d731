import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDigestScheduler,
  type DigestPoster,
  type DigestSchedulerDeps,
} from '../../src/alerts/index.ts';
import { createLogger, silentLogger } from '../../src/lib/logger.ts';
import type { WeeklyDigest } from '../../src/machine/index.ts';
import { type AlertSubscription, openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres.ts';
import { subscription as storedSubscription } from '../store/helpers/fixtures.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 2026-12-07 09:00 in Chicago (CST) is 15:00 UTC.
const DUE = Date.parse('2026-12-07T15:00:00Z');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A clock every instance reads; tests move it. */
function sharedClock(startMs: number) {
  let ms = startMs;
  return {
    now: () => new Date(ms),
    set(to: number) {
      ms = to;
    },
  };
}

async function open(url: string, now: () => Date): Promise<Store> {
  const store = await openStore({ url, encryptionKey: KEY, logger: silentLogger, now });
  cleanups.push(() => store.close());
  return store;
}

async function sqliteUrl(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'postage-digest-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return `sqlite://${join(dir, 'postage.sqlite')}`;
}

function subscription(overrides: Partial<AlertSubscription> = {}): AlertSubscription {
  return storedSubscription({
    channelId: 'C0DIGEST',
    ownerUserId: 'U0OWNER',
    createdAt: '2026-11-01T00:00:00.000Z',
    digestWeekday: 1,
    digestHour: 9,
    digestTimeZone: 'America/Chicago',
    ...overrides,
  });
}

/** A week of one account: readings every two days, a purchase, a failed one, last week's. */
async function seedWeek(store: Store): Promise<void> {
  const reading = (daysBefore: number, balanceMils: number) =>
    store.balanceReadings.add({
      teamId: 'T1',
      accountId: '2500001',
      balanceMils,
      readAt: new Date(DUE - daysBefore * DAY).toISOString(),
      source: 'sweep',
    });
  await reading(9, 999_000);
  await reading(6, 200_000);
  await reading(4, 169_995);
  await reading(2, 249_990);
  await reading(0.5, 220_000);
  const purchase = (
    requestId: string,
    userId: string,
    amountMils: number,
    state: 'confirmed' | 'failed',
    daysBefore: number,
  ) => {
    const at = new Date(DUE - daysBefore * DAY).toISOString();
    return store.purchases.begin({
      requestId,
      teamId: 'T1',
      userId,
      accountId: '2500001',
      amountMils,
      balanceBeforeMils: null,
      balanceAfterMils: null,
      transactionId: null,
      message: null,
      state,
      channelId: null,
      createdAt: at,
      updatedAt: at,
    });
  };
  await purchase('R-ANN', 'U0ANN', 100_000, 'confirmed', 3);
  await purchase('R-BOB', 'U0BOB', 25_000, 'failed', 2.5);
  await purchase('R-OLD', 'U0OLD', 500_000, 'confirmed', 8);
}

interface Posted {
  instance: number;
  channelId: string;
  week: string;
  digest: WeeklyDigest;
}

function instance(
  index: number,
  store: Store,
  now: () => Date,
  posted: Posted[],
  extra: Partial<DigestSchedulerDeps> = {},
) {
  const post: DigestPoster = async (sub, digest, occurrence) => {
    posted.push({ instance: index, channelId: sub.channelId, week: occurrence.week, digest });
    return true;
  };
  return createDigestScheduler({
    alerts: store.alerts,
    balanceReadings: store.balanceReadings,
    purchases: store.purchases,
    once: store.once,
    post,
    logger: silentLogger,
    now,
    ...extra,
  });
}

/** Two instances, each with its own connection to `url`; a restart is a third, later. */
function onceAcrossInstances(url: () => Promise<string>) {
  it('at its hour exactly one of two instances posts; a restart does not post it again; next week does', async () => {
    const clock = sharedClock(DUE - 60_000);
    const location = await url();
    const [a, b] = [await open(location, clock.now), await open(location, clock.now)];
    await a.alerts.put(subscription());
    await a.alerts.put(subscription({ channelId: 'C0NODIGEST', digestWeekday: null, digestHour: null }));
    await seedWeek(a);
    const posted: Posted[] = [];
    const one = instance(0, a, clock.now, posted);
    const two = instance(1, b, clock.now, posted);

    expect(await Promise.all([one.run(), two.run()])).toEqual([
      { due: 0, posted: 0, failed: 0, elsewhere: 0, errors: 0 },
      { due: 0, posted: 0, failed: 0, elsewhere: 0, errors: 0 },
    ]);
    clock.set(DUE);
    const reports = await Promise.all([one.run(), two.run()]);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ channelId: 'C0DIGEST', week: '2026-12-07' });
    expect(reports.map((r) => r.posted).sort()).toEqual([0, 1]);
    expect(reports.map((r) => r.elsewhere).sort()).toEqual([0, 1]);
    // The week as the store tells it: exact mils, the failed purchase and last week's left out.
    const { digest } = posted[0] as Posted;
    expect(digest.spentMils).toBe(80_000);
    expect(digest.boughtMils).toBe(100_000);
    expect(digest.purchases.map((p) => p.userId)).toEqual(['U0ANN']);
    expect(digest.balance).toEqual({ balanceMils: 220_000, atMs: DUE - 0.5 * DAY });
    expect(digest.runway).toMatchObject({ kind: 'rate', daysLeft: 15 });

    // Every minute of the day after: nothing more, from either.
    for (const later of [DUE + 60_000, DUE + HOUR, DUE + 23 * HOUR]) {
      clock.set(later);
      await Promise.all([one.run(), two.run()]);
    }
    // A restart (a new instance on its own connection, nothing in memory) within the day.
    await Promise.all([one.stop(), two.stop()]);
    const restarted = instance(2, await open(location, clock.now), clock.now, posted);
    expect(await restarted.run()).toMatchObject({ due: 1, posted: 0, elsewhere: 1 });
    expect(posted).toHaveLength(1);

    clock.set(DUE + 7 * DAY);
    await Promise.all([restarted.run(), instance(3, b, clock.now, posted).run()]);
    expect(posted.map((p) => p.week)).toEqual(['2026-12-07', '2026-12-14']);
  });
}

describe('the weekly digest on a SQLite file', () => {
  onceAcrossInstances(sqliteUrl);

  it('a digest missed while no instance ran goes out late, but never 24 hours after its hour', async () => {
    const clock = sharedClock(DUE + 23 * HOUR + 59 * 60_000);
    const store = await open(await sqliteUrl(), clock.now);
    await store.alerts.put(subscription());
    await store.alerts.put(subscription({ channelId: 'C0LATE', digestWeekday: 7, digestHour: 8 }));
    const posted: Posted[] = [];
    // Monday's is 23 h 59 min late: posted. Sunday 08:00 Chicago (14:00 UTC the day before) is 24 h 59 min late: not.
    expect(await instance(0, store, clock.now, posted).run()).toMatchObject({ due: 1, posted: 1 });
    expect(posted.map((p) => p.channelId)).toEqual(['C0DIGEST']);
    clock.set(DUE + 24 * HOUR);
    const later = instance(1, store, clock.now, posted);
    expect(await later.run()).toMatchObject({ due: 0, posted: 0 });
    expect(posted).toHaveLength(1);
  });

  it('a subscription made after its hour starts with next week’s digest', async () => {
    const clock = sharedClock(DUE + 2 * HOUR);
    const store = await open(await sqliteUrl(), clock.now);
    await store.alerts.put(subscription({ createdAt: new Date(DUE + HOUR).toISOString() }));
    const posted: Posted[] = [];
    expect(await instance(0, store, clock.now, posted).run()).toMatchObject({ due: 0 });
    clock.set(DUE + 7 * DAY);
    expect(await instance(0, store, clock.now, posted).run()).toMatchObject({ posted: 1 });
  });

  it('keeps the wall-clock hour across the DST change: 09:00 EDT is 13:00 UTC', async () => {
    // Monday 2027-03-15 in New York, the day after clocks go forward.
    const due = Date.parse('2027-03-15T13:00:00Z');
    const clock = sharedClock(due - 1);
    const store = await open(await sqliteUrl(), clock.now);
    await store.alerts.put(subscription({ digestTimeZone: 'America/New_York' }));
    const posted: Posted[] = [];
    const scheduler = instance(0, store, clock.now, posted);
    expect(await scheduler.run()).toMatchObject({ due: 0 });
    clock.set(due);
    expect(await scheduler.run()).toMatchObject({ posted: 1 });
    expect(posted[0]?.week).toBe('2027-03-15');
  });

  it('a channel the bot cannot post in is logged once and not tried again', async () => {
    const clock = sharedClock(DUE);
    const store = await open(await sqliteUrl(), clock.now);
    await store.alerts.put(subscription());
    let tries = 0;
    const scheduler = createDigestScheduler({
      alerts: store.alerts,
      balanceReadings: store.balanceReadings,
      purchases: store.purchases,
      once: store.once,
      post: async () => {
        tries += 1;
        return false;
      },
      logger: silentLogger,
      now: clock.now,
    });
    expect(await scheduler.run()).toMatchObject({ due: 1, failed: 1 });
    for (const later of [DUE + 60_000, DUE + 2 * HOUR]) {
      clock.set(later);
      expect(await scheduler.run()).toMatchObject({ due: 0 });
    }
    expect(tries).toBe(1);
  });

  it('a week that cannot be read is not claimed: the next look posts it', async () => {
    const clock = sharedClock(DUE);
    const store = await open(await sqliteUrl(), clock.now);
    await store.alerts.put(subscription());
    const lines: string[] = [];
    let failing = true;
    const posted: Posted[] = [];
    const scheduler = instance(0, store, clock.now, posted, {
      balanceReadings: {
        listSince: (...args) =>
          failing ? Promise.reject(new Error('disk on fire')) : store.balanceReadings.listSince(...args),
      },
      logger: createLogger({ level: 'error', write: (line) => lines.push(line) }),
    });
    expect(await scheduler.run()).toMatchObject({ due: 1, errors: 1, posted: 0 });
    expect(lines.join('\n')).toContain('weekly digest could not be prepared');
    failing = false;
    clock.set(DUE + 60_000);
    expect(await scheduler.run()).toMatchObject({ due: 1, posted: 1 });
  });

  it('start() looks after its first delay and then every `everyMs`; stop() ends the loop', async () => {
    const clock = sharedClock(DUE - 2 * 60_000);
    const store = await open(await sqliteUrl(), clock.now);
    await store.alerts.put(subscription());
    const posted: Posted[] = [];
    const waits: Array<{ fn: () => void; ms: number }> = [];
    const scheduler = instance(0, store, clock.now, posted, {
      everyMs: 60_000,
      firstDelayMs: 5_000,
      timers: {
        setTimeout: (fn, ms) => waits.push({ fn, ms }),
        clearTimeout: () => undefined,
      },
    });
    scheduler.start();
    expect(waits.map((w) => w.ms)).toEqual([5_000]);
    const fire = async () => {
      waits.shift()?.fn();
      await expect.poll(() => waits.length).toBe(1);
    };
    await fire();
    expect(posted).toHaveLength(0);
    clock.set(DUE);
    await fire();
    expect(posted).toHaveLength(1);
    expect(waits.map((w) => w.ms)).toEqual([60_000]);
    await scheduler.stop();
  });
});

describePostgres('the weekly digest on PostgreSQL', () => {
  onceAcrossInstances(async () => {
    const database = await createTestDatabase();
    cleanups.unshift(database.drop);
    return database.url;
  });
});
