import { describe, expect, it } from 'vitest';
import { handled } from '../../src/alerts/handling.ts';
import {
  handlingOf,
  isSnoozed,
  recordHandling,
  SNOOZE_DAY_MS,
  SNOOZE_HOUR_MS,
} from '../../src/alerts/index.ts';
import type { AlertStore, AlertSubscription } from '../../src/store/index.ts';
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

const TS = '1700000000.000001';
const alerted = (overrides: Partial<AlertSubscription> = {}) =>
  subscription({
    channelId: 'C1',
    state: 'alerted',
    alertMessageTs: TS,
    lastBalanceMils: 40_000,
    ...overrides,
  });
const at = (ms: number) => new Date(T0.getTime() + ms);
const ref = { teamId: TEAM, channelId: 'C1', alertTs: TS };

describe('alert handling rules', () => {
  it("I'm on it records who and when; snoozes record who and until when", () => {
    const sub = alerted();
    expect(handlingOf(sub)).toEqual({
      acknowledgedBy: null,
      acknowledgedAt: null,
      snoozedBy: null,
      snoozedUntil: null,
      escalatedAt: null,
      escalatedTo: [],
      reloadNote: null,
    });
    expect(handlingOf(handled(sub, 'U2', { kind: 'acknowledge' }, T0))).toMatchObject({
      acknowledgedBy: 'U2',
      acknowledgedAt: T0.toISOString(),
    });
    const snoozed = handled(sub, 'U3', { kind: 'snooze', ms: SNOOZE_HOUR_MS }, T0);
    expect(handlingOf(snoozed)).toMatchObject({
      snoozedBy: 'U3',
      snoozedUntil: at(SNOOZE_HOUR_MS).toISOString(),
      escalatedAt: null,
      escalatedTo: [],
    });
    expect(isSnoozed(snoozed, at(SNOOZE_HOUR_MS - 1))).toBe(true);
    expect(isSnoozed(snoozed, at(SNOOZE_HOUR_MS))).toBe(false);
    expect(isSnoozed(sub, T0)).toBe(false);
  });

  it('a shorter snooze never cuts a longer one short', () => {
    const day = handled(alerted(), 'U3', { kind: 'snooze', ms: SNOOZE_DAY_MS }, T0);
    const hour = handled(day, 'U4', { kind: 'snooze', ms: SNOOZE_HOUR_MS }, at(60_000));
    expect(hour.snoozedUntil).toBe(at(SNOOZE_DAY_MS).toISOString());
    expect(hour.snoozedBy).toBe('U4');
  });
});

describe('recording a click', () => {
  it('a click on an alert that is not the current one changes nothing', async () => {
    const store = await memoryStore();
    await store.alerts.put(alerted({ alertMessageTs: '1700000000.000009' }));
    expect(await recordHandling(store.alerts, ref, 'U2', { kind: 'acknowledge' }, T0)).toEqual({
      kind: 'stale',
    });
    await store.alerts.put(alerted({ state: 'armed', alertMessageTs: null }));
    expect(await recordHandling(store.alerts, ref, 'U2', { kind: 'acknowledge' }, T0)).toEqual({
      kind: 'stale',
    });
    expect(
      await recordHandling(store.alerts, { ...ref, channelId: 'CNONE' }, 'U2', { kind: 'acknowledge' }, T0),
    ).toEqual({
      kind: 'stale',
    });
    expect(handlingOf((await store.alerts.get(TEAM, 'C1')) as AlertSubscription).acknowledgedBy).toBeNull();
  });

  it('two clicks at once (as on two instances reading the same record) both count', async () => {
    const store = await memoryStore();
    await store.alerts.put(alerted());
    // Both "instances" read before either writes: the second compare-and-set fails, re-reads, and applies.
    let reads = 0;
    let bothRead: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      bothRead = resolve;
    });
    const racing: Pick<AlertStore, 'get' | 'replace'> = {
      async get(teamId, channelId) {
        const sub = await store.alerts.get(teamId, channelId);
        reads += 1;
        if (reads === 2) bothRead();
        if (reads <= 2) await gate;
        return sub;
      },
      replace: (expected, next) => store.alerts.replace(expected, next),
    };
    const [ack, snooze] = await Promise.all([
      recordHandling(racing, ref, 'U2', { kind: 'acknowledge' }, T0),
      recordHandling(racing, ref, 'U3', { kind: 'snooze', ms: SNOOZE_HOUR_MS }, T0),
    ]);
    expect([ack.kind, snooze.kind]).toEqual(['handled', 'handled']);
    expect(reads).toBe(3);
    expect(handlingOf((await store.alerts.get(TEAM, 'C1')) as AlertSubscription)).toEqual({
      acknowledgedBy: 'U2',
      acknowledgedAt: T0.toISOString(),
      snoozedBy: 'U3',
      snoozedUntil: at(SNOOZE_HOUR_MS).toISOString(),
      escalatedAt: null,
      escalatedTo: [],
      reloadNote: null,
    });
  });

  it('replace refuses a write based on a record whose handling changed meanwhile', async () => {
    const store = await memoryStore();
    const base = alerted();
    await store.alerts.put(base);
    expect(await store.alerts.replace(base, handled(base, 'U2', { kind: 'acknowledge' }, T0))).toBe(true);
    expect(await store.alerts.replace(base, handled(base, 'U3', { kind: 'snooze', ms: 1 }, T0))).toBe(false);
    // Records written before these fields existed compare as "nobody".
    const {
      acknowledgedBy: _a,
      acknowledgedAt: _b,
      ...old
    } = handled(alerted(), 'U9', { kind: 'acknowledge' }, T0);
    await store.alerts.put({ ...old, acknowledgedBy: null, acknowledgedAt: null });
    expect(await store.alerts.replace(old, { ...old, snoozedBy: 'U4', snoozedUntil: T0.toISOString() })).toBe(
      true,
    );
  });
});

describe('handling and the monitor', () => {
  it('sweeps while low keep who handles the alert; the next crossing starts unhandled', async () => {
    const store = await memoryStore();
    const endicia = fakeEndicia();
    const clock = manualClock();
    await seed(store, { U1: login('2500001') }, [subscription({ channelId: 'C1' })]);
    const monitor = monitorFor({
      alerts: store.alerts,
      store,
      endicia: endicia.endicia,
      notifier: fakeNotifier().notifier,
      now: clock.now,
    });
    const sweepAt = async (balanceMils: number) => {
      endicia.balances.set('2500001', balanceMils);
      clock.advance(900_000);
      await monitor.sweep();
      return (await store.alerts.get(TEAM, 'C1')) as AlertSubscription;
    };
    const first = await sweepAt(40_000);
    const firstRef = { ...ref, alertTs: first.alertMessageTs ?? '' };
    await recordHandling(store.alerts, firstRef, 'U2', { kind: 'acknowledge' }, clock.now());
    expect((await sweepAt(30_000)).acknowledgedBy).toBe('U2');
    await sweepAt(90_000);
    const second = await sweepAt(20_000);
    expect(second.alertMessageTs).not.toBe(first.alertMessageTs);
    expect(handlingOf(second).acknowledgedBy).toBeNull();
    // The old alert's buttons no longer touch anything.
    expect(
      (await recordHandling(store.alerts, firstRef, 'U3', { kind: 'acknowledge' }, clock.now())).kind,
    ).toBe('stale');
  });
});
