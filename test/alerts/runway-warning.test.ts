import { describe, expect, it } from 'vitest';
import type { AlertNotifier } from '../../src/alerts/index.ts';
import { nextRunwayWarning } from '../../src/alerts/runway-rule.ts';
import { DAY_MS, type Runway } from '../../src/machine/index.ts';
import {
  fakeEndicia,
  fakeNotifier,
  login,
  manualClock,
  memoryStore,
  monitorFor,
  seed,
  subscription,
  TEAM,
} from './helpers.ts';

const ACCOUNT = '2500001';
const rate = (daysLeft: number): Runway => ({
  kind: 'rate',
  spentMils: 70_000,
  spanMs: 7 * DAY_MS,
  daysLeft,
});

describe('runway early warning rule', () => {
  const step = (
    prev: 'armed' | 'warned',
    daysLeft: number | null,
    below = false,
    warnDays: number | null = 5,
  ) => nextRunwayWarning(prev, { daysLeft, warnDays, belowThreshold: below });
  it('warns once per crossing above the threshold, re-arms when the runway recovers', () => {
    expect(step('armed', 6)).toEqual({ state: 'armed', action: 'none' });
    expect(step('armed', 4)).toEqual({ state: 'warned', action: 'warn' });
    expect(step('warned', 3)).toEqual({ state: 'warned', action: 'none' });
    expect(step('warned', 5)).toEqual({ state: 'armed', action: 'recover' });
  });
  it('below the threshold the low-balance alert speaks; an unknown runway changes nothing; off re-arms', () => {
    expect(step('armed', 1, true)).toEqual({ state: 'armed', action: 'none' });
    expect(step('armed', null)).toEqual({ state: 'armed', action: 'none' });
    expect(step('warned', null)).toEqual({ state: 'warned', action: 'none' });
    expect(step('warned', 1, false, null)).toEqual({ state: 'armed', action: 'recover' });
  });
});

describe('runway warnings from sweeps', () => {
  async function setup(warnDays: number | null) {
    const store = await memoryStore();
    const endicia = fakeEndicia();
    const notes = fakeNotifier();
    const clock = manualClock();
    const warnings: Array<{ balanceMils: number; daysLeft: number }> = [];
    const edits: string[] = [];
    const notifier: typeof notes.notifier &
      Required<Pick<AlertNotifier, 'postRunwayWarning' | 'markRunwayRecovered'>> = {
      ...notes.notifier,
      async postRunwayWarning(_sub, balanceMils, runway) {
        warnings.push({ balanceMils, daysLeft: runway.kind === 'rate' ? runway.daysLeft : -1 });
        return { ts: `1800000000.00000${warnings.length}` };
      },
      async markRunwayRecovered(sub) {
        edits.push(sub.runwayAlertTs ?? 'none');
      },
    };
    await seed(store, { U1: login(ACCOUNT) }, [
      subscription({ channelId: 'C1', runwayWarningDays: warnDays }),
    ]);
    let days = 10;
    const monitor = monitorFor({
      alerts: store.alerts,
      store,
      endicia: endicia.endicia,
      notifier,
      now: clock.now,
      runwayOf: async () => rate(days),
    });
    const sweepWith = async (balanceMils: number, daysLeft: number) => {
      days = daysLeft;
      endicia.balances.set(ACCOUNT, balanceMils);
      clock.advance(900_000);
      await monitor.sweep();
    };
    return { store, notes, warnings, edits, sweepWith };
  }

  it('one warning per crossing while above the threshold; recovery edits it and re-arms', async () => {
    const { store, notes, warnings, edits, sweepWith } = await setup(5);
    await sweepWith(90_000, 8);
    await sweepWith(80_000, 4);
    await sweepWith(75_000, 3);
    expect(warnings).toEqual([{ balanceMils: 80_000, daysLeft: 4 }]);
    expect(await store.alerts.get(TEAM, 'C1')).toMatchObject({
      runwayState: 'warned',
      runwayAlertTs: '1800000000.000001',
    });
    await sweepWith(200_000, 9);
    expect(edits).toEqual(['1800000000.000001']);
    const rearmed = await store.alerts.get(TEAM, 'C1');
    expect(rearmed?.runwayState).toBe('armed');
    expect(rearmed?.runwayAlertTs ?? null).toBeNull();
    await sweepWith(80_000, 2);
    expect(warnings).toHaveLength(2);
    // Never on top of the low-balance alert.
    expect(notes.posted).toHaveLength(0);
  });

  it('no warning without the setting, below the threshold, or while snoozed', async () => {
    const off = await setup(null);
    await off.sweepWith(80_000, 1);
    expect(off.warnings).toEqual([]);
    const low = await setup(5);
    await low.sweepWith(40_000, 1);
    expect(low.warnings).toEqual([]);
    expect(low.notes.posted).toHaveLength(1);
    const snoozed = await setup(5);
    const sub = await snoozed.store.alerts.get(TEAM, 'C1');
    if (sub)
      await snoozed.store.alerts.put({ ...sub, snoozedBy: 'U2', snoozedUntil: '2099-01-01T00:00:00.000Z' });
    await snoozed.sweepWith(80_000, 1);
    expect(snoozed.warnings).toEqual([]);
  });
});
