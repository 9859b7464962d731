import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/machine/runway.ts';
import { summarizeWeek } from '../../src/machine/weekly-digest.ts';

const NOW = Date.parse('2026-12-07T15:00:00Z');
const ago = (days: number) => NOW - days * DAY_MS;
const reading = (days: number, balanceMils: number) => ({ atMs: ago(days), balanceMils });
const purchase = (days: number, userId: string, amountMils: number, state = 'confirmed') => ({
  atMs: ago(days),
  userId,
  amountMils,
  state,
});

describe('summarizeWeek', () => {
  it('spend is every fall between readings, a purchase added back, a label printed outside counted', () => {
    // $200.000 → (labels $30.005) → $169.995 → bought $100, labels $20.005 → $249.990
    // → (labels printed on Endicia’s site, $29.990) → $220.000.
    const week = summarizeWeek({
      readings: [reading(6, 200_000), reading(4, 169_995), reading(2, 249_990), reading(0.5, 220_000)],
      purchases: [
        purchase(3, 'U0ANN', 100_000),
        purchase(2.5, 'U0BOB', 25_000, 'failed'),
        purchase(1, 'U0CAT', 10_000, 'unconfirmed'),
        purchase(8, 'U0OLD', 500_000),
      ],
      nowMs: NOW,
    });
    expect(week.spentMils).toBe(30_005 + 20_005 + 29_990);
    expect(week.spanMs).toBe(5.5 * DAY_MS);
    // Newest first; the failed one bought nothing, the old one is last week's.
    expect(week.purchases.map((p) => [p.userId, p.amountMils, p.state])).toEqual([
      ['U0CAT', 10_000, 'unconfirmed'],
      ['U0ANN', 100_000, 'confirmed'],
    ]);
    expect(week.boughtMils).toBe(100_000);
    expect(week.balance).toEqual(reading(0.5, 220_000));
    // $80.000 over 5.5 days; $220.000 lasts 15.125 days.
    expect(week.runway).toEqual({ kind: 'rate', spentMils: 80_000, spanMs: 5.5 * DAY_MS, daysLeft: 15 });
  });

  it('an unconfirmed purchase is not taken for money put in: the fall is spending', () => {
    const week = summarizeWeek({
      readings: [reading(3, 100_000), reading(1, 90_000)],
      purchases: [purchase(2, 'U0CAT', 50_000, 'unconfirmed')],
      nowMs: NOW,
    });
    expect(week.spentMils).toBe(10_000);
    expect(week.boughtMils).toBe(0);
  });

  it('without readings this week: no spend, the balance known elsewhere if any', () => {
    const none = summarizeWeek({ readings: [reading(9, 1_000)], purchases: [], nowMs: NOW });
    expect(none).toMatchObject({ spentMils: null, balance: null, runway: null, purchases: [] });
    const alertCheck = { atMs: ago(8), balanceMils: 42_000 };
    const known = summarizeWeek({ readings: [], purchases: [], latest: alertCheck, nowMs: NOW });
    expect(known.balance).toEqual(alertCheck);
    expect(known.runway).toEqual({ kind: 'not-enough-history' });
  });

  it('takes the newer of the last reading and the balance known elsewhere', () => {
    const week = summarizeWeek({
      readings: [reading(4, 80_000), reading(2, 60_000)],
      purchases: [],
      latest: reading(1, 55_000),
      nowMs: NOW,
    });
    expect(week.balance).toEqual(reading(1, 55_000));
    expect(week.spentMils).toBe(20_000);
  });
});
