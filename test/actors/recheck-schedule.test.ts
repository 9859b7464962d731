import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRecheckSchedule, type RecheckSchedule } from '../../src/actors/index.ts';
import type { Verdict } from '../../src/lib/purchase-outcome.ts';
import type { PurchaseRecord } from '../../src/store/index.ts';
import { MAIN, mainCredentials, TEAM, USER } from './fixtures.ts';
import { type Harness, rememberedAs, startHarness } from './harness.ts';

const REQUEST = 'req-recheck';
const MINUTE = 60_000;
const schedules: RecheckSchedule[] = [];

afterEach(async () => {
  await Promise.all(schedules.splice(0).map((s) => s.stop()));
  vi.useRealTimers();
});

/**
 * A $25 purchase the journal holds as unconfirmed (its answer was lost, the balance could not decide),
 * made against MAIN's $120.50; `applied`: Endicia did apply it.
 */
async function lostPurchase(h: Harness, applied: boolean): Promise<PurchaseRecord> {
  const createdAt = h.deps.now().toISOString();
  await h.store.purchases.begin({
    requestId: REQUEST,
    teamId: TEAM,
    userId: USER,
    accountId: MAIN,
    amountMils: 25_000,
    balanceBeforeMils: 120_500,
    balanceAfterMils: null,
    transactionId: null,
    message: null,
    state: 'pending',
    channelId: 'C0POSTAGE',
    createdAt,
    updatedAt: createdAt,
  });
  if (applied) await h.outsider.buyPostage(mainCredentials(), 25_000, { requestId: 'applied-but-lost' });
  return h.store.purchases.update(REQUEST, { state: 'unconfirmed' });
}

/**
 * The schedule under fake timers (only timeouts: sockets and the real clock keep working); `instances`
 * more schedules over the same store's once-marks stand for other app instances.
 */
async function scheduled(h: Harness, instances = 1) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const told: Array<{ verdict: Verdict; record: PurchaseRecord }> = [];
  const notifier = {
    told: async (record: PurchaseRecord, verdict: Verdict) => {
      told.push({ verdict, record });
    },
  };
  const all = Array.from({ length: instances }, () =>
    createRecheckSchedule(h.deps, notifier, undefined, instances > 1 ? h.store.once : undefined),
  );
  schedules.push(...all);
  const [schedule] = all;
  if (schedule === undefined) throw new Error('no schedule');
  /** Moves the actors' clock and the timers together, then lets a started check finish (real I/O). */
  const advance = async (ms: number) => {
    h.clock.now = new Date(h.clock.now.getTime() + ms);
    await vi.advanceTimersByTimeAsync(ms);
  };
  return { schedule, all, told, advance };
}

/** Waits (real time, generous bound) for `done`: a check talks to the simulator over HTTP. */
async function until(done: () => boolean | Promise<boolean>) {
  const end = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const reads = (h: Harness) => h.count('GetAccountStatus');
/** The check has finished and the next one is waiting on its timer. */
const armed = (schedule: RecheckSchedule) => schedule.idle && schedule.waiting === 1;

describe('later re-checks of an unconfirmed purchase', () => {
  it('confirms it at the first check after a minute, tells once, corrects the journal, never buys', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    await lostPurchase(h, true);
    const { schedule, told, advance } = await scheduled(h);
    const [buys, before] = [h.count('BuyPostage'), reads(h)];
    await schedule.arm(REQUEST);

    await advance(MINUTE - 1);
    expect(reads(h)).toBe(before);
    await advance(1);
    await until(() => told.length === 1);
    expect(told[0]?.verdict).toEqual({ outcome: 'confirmed' });
    expect(await h.store.purchases.get(REQUEST)).toMatchObject({
      state: 'confirmed',
      balanceAfterMils: 145_500,
    });
    expect(await h.store.purchases.listUnconfirmed()).toEqual([]);
    await advance(10 * MINUTE);
    expect(told).toHaveLength(1);
    expect(reads(h)).toBe(before + 1);
    expect(h.count('BuyPostage')).toBe(buys);
  });

  it('checks after 1, 3 and 10 minutes, then says once that it is still undecided', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    await lostPurchase(h, false);
    const { schedule, told, advance } = await scheduled(h);
    const [buys, before] = [h.count('BuyPostage'), reads(h)];
    await schedule.arm(REQUEST);

    await advance(MINUTE);
    await until(() => reads(h) === before + 1 && armed(schedule));
    await advance(2 * MINUTE - 1);
    expect(reads(h)).toBe(before + 1);
    await advance(1);
    await until(() => reads(h) === before + 2 && armed(schedule));
    expect(told).toEqual([]);
    await advance(7 * MINUTE);
    await until(() => told.length === 1);
    expect(told[0]?.verdict).toEqual({ outcome: 'unconfirmed', why: 'not-moved' });
    expect(reads(h)).toBe(before + 3);
    const record = await h.store.purchases.get(REQUEST);
    expect(record).toMatchObject({ state: 'unconfirmed' });
    expect(record?.recheckClosedAt).toBeTruthy();
    expect(await h.store.purchases.listUnconfirmed()).toEqual([]);
    await advance(60 * MINUTE);
    expect(told).toHaveLength(1);
    expect(h.count('BuyPostage')).toBe(buys);
  });

  /** MAIN remembered by USER, and blocked by a refusal (anyone's login or typing). */
  async function blocked(h: Harness) {
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    const at = h.deps.now().toISOString();
    const guard = { refusals: 1, blockedAt: at, heldUntil: null, attemptSince: null, updatedAt: at };
    await h.store.accountGuards.put({ teamId: TEAM, accountId: MAIN, ...guard });
  }

  it.each([
    ['nothing is remembered', async (_h: Harness) => {}],
    ['the account is blocked by a refusal', blocked],
  ])('when %s, nothing is sent: it says so once', async (_when, setUp) => {
    const h = await startHarness();
    await setUp(h);
    await lostPurchase(h, true);
    const { schedule, told, advance } = await scheduled(h);
    const before = reads(h);
    await schedule.arm(REQUEST);
    await advance(MINUTE);
    await until(() => told.length === 1);
    expect(told[0]?.verdict).toEqual({ outcome: 'unconfirmed', why: 'no-login' });
    expect(reads(h)).toBe(before);
    expect(await h.store.purchases.get(REQUEST)).toMatchObject({ state: 'unconfirmed' });
    await advance(10 * MINUTE);
    expect(told).toHaveLength(1);
  });

  it('re-armed after a restart 4 minutes on: the missed checks collapse into one now, the last stays at 10', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    await lostPurchase(h, false);
    h.clock.now = new Date(h.clock.now.getTime() + 4 * MINUTE);
    const { schedule, told, advance } = await scheduled(h);
    const before = reads(h);
    await schedule.arm(REQUEST);
    await advance(0);
    await until(() => reads(h) === before + 1 && armed(schedule));
    await advance(6 * MINUTE - 1);
    expect(reads(h)).toBe(before + 1);
    expect(told).toEqual([]);
    await advance(1);
    await until(() => told.length === 1);
    expect(told[0]?.verdict).toEqual({ outcome: 'unconfirmed', why: 'not-moved' });
    expect(reads(h)).toBe(before + 2);
  });

  it('armed at three instances: each check runs once in total and the buyer hears once', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    await lostPurchase(h, false);
    const { all, told, advance } = await scheduled(h, 3);
    const [buys, before] = [h.count('BuyPostage'), reads(h)];
    for (const schedule of all) await schedule.arm(REQUEST);
    const settled = () => all.every((schedule) => schedule.idle);

    await advance(MINUTE);
    await until(() => reads(h) === before + 1 && settled());
    await advance(2 * MINUTE);
    await until(() => reads(h) === before + 2 && settled());
    await advance(7 * MINUTE);
    await until(() => told.length === 1 && settled());
    await advance(60 * MINUTE);
    expect(told).toHaveLength(1);
    expect(told[0]?.verdict.outcome).toBe('unconfirmed');
    expect(reads(h)).toBe(before + 3);
    expect(h.count('BuyPostage')).toBe(buys);
  });
});
