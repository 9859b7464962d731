import { describe, expect, it } from 'vitest';
import { escalationDue } from '../../src/alerts/escalation.ts';
import type { AlertNotifier } from '../../src/alerts/index.ts';
import type { AlertSubscription, PurchaseRecord } from '../../src/store/index.ts';
import {
  fakeEndicia,
  fakeNotifier,
  login,
  manualClock,
  memoryStore,
  monitorFor,
  seed,
  subscription,
  T0,
  TEAM,
} from './helpers.ts';

const HOUR = 3_600_000;
const ACCOUNT = '2500001';
const at = (ms: number) => new Date(T0.getTime() + ms);
const up = (overrides: Partial<AlertSubscription> = {}) =>
  subscription({
    channelId: 'C1',
    state: 'alerted',
    alertMessageTs: '1700000000.000001',
    alertedAt: T0.toISOString(),
    escalateAfterHours: 4,
    escalateTo: ['UBOSS'],
    ...overrides,
  });

describe('escalation rule', () => {
  it('due once the hours have passed with nobody acting', () => {
    expect(escalationDue(up(), at(4 * HOUR - 1))).toBe(false);
    expect(escalationDue(up(), at(4 * HOUR))).toBe(true);
  });
  it('not when off, already escalated, acknowledged, or recovered', () => {
    const late = at(10 * HOUR);
    expect(escalationDue(up({ escalateAfterHours: null }), late)).toBe(false);
    expect(escalationDue(up({ escalateTo: [] }), late)).toBe(false);
    expect(escalationDue(up({ escalatedAt: T0.toISOString() }), late)).toBe(false);
    expect(escalationDue(up({ acknowledgedBy: 'U2' }), late)).toBe(false);
    expect(escalationDue(up({ state: 'armed' }), late)).toBe(false);
    expect(escalationDue(up({ alertedAt: null }), late)).toBe(false);
  });
  it('a snooze holds it off, and the hours count again from its end', () => {
    const snoozed = up({ snoozedBy: 'U2', snoozedUntil: at(24 * HOUR).toISOString() });
    expect(escalationDue(snoozed, at(10 * HOUR))).toBe(false);
    expect(escalationDue(snoozed, at(27 * HOUR))).toBe(false);
    expect(escalationDue(snoozed, at(28 * HOUR))).toBe(true);
  });
});

describe('escalation from sweeps (fake clock)', () => {
  async function setup(overrides: Partial<AlertSubscription> = {}) {
    const store = await memoryStore();
    const endicia = fakeEndicia();
    const notes = fakeNotifier();
    const clock = manualClock();
    const escalated: AlertSubscription[] = [];
    const notifier: typeof notes.notifier & Pick<AlertNotifier, 'postEscalation'> = {
      ...notes.notifier,
      async postEscalation(sub) {
        escalated.push(sub);
      },
    };
    await seed(store, { U1: login(ACCOUNT) }, [
      subscription({ channelId: 'C1', escalateAfterHours: 4, escalateTo: ['UBOSS'], ...overrides }),
    ]);
    const monitor = monitorFor({
      alerts: store.alerts,
      store,
      endicia: endicia.endicia,
      notifier,
      now: clock.now,
      purchases: store.purchases,
    });
    endicia.balances.set(ACCOUNT, 40_000);
    const sweepAfter = async (ms: number) => {
      clock.advance(ms);
      await monitor.sweep();
    };
    return { store, escalated, sweepAfter, clock };
  }

  it('still low 4 hours after the alert: told once, however many sweeps follow', async () => {
    const { store, escalated, sweepAfter } = await setup();
    await sweepAfter(0);
    await sweepAfter(3 * HOUR);
    expect(escalated).toHaveLength(0);
    await sweepAfter(HOUR);
    await sweepAfter(HOUR);
    await sweepAfter(HOUR);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ escalateTo: ['UBOSS'], escalatedAt: at(4 * HOUR).toISOString() });
    expect((await store.alerts.get(TEAM, 'C1'))?.escalatedAt).toBe(at(4 * HOUR).toISOString());
  });

  it('a purchase through the bot since the alert means someone acted', async () => {
    const { store, escalated, sweepAfter } = await setup();
    await sweepAfter(0);
    const bought: PurchaseRecord = {
      requestId: 'r1',
      teamId: TEAM,
      userId: 'U2',
      accountId: ACCOUNT,
      amountMils: 5_000,
      balanceBeforeMils: 35_000,
      balanceAfterMils: 40_000,
      transactionId: 't1',
      message: null,
      state: 'confirmed',
      channelId: 'C1',
      createdAt: at(HOUR).toISOString(),
      updatedAt: at(HOUR).toISOString(),
    };
    await store.purchases.begin(bought);
    await sweepAfter(5 * HOUR);
    expect(escalated).toHaveLength(0);
  });
});
