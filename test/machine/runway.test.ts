import { describe, expect, it } from 'vitest';
import { DAY_MS, forecastRunway, suggestedPurchase } from '../../src/machine/runway.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const HOUR = DAY_MS / 24;
/** A reading `daysAgo` before now. */
const at = (daysAgo: number, balanceMils: number) => ({ atMs: NOW - daysAgo * DAY_MS, balanceMils });

describe('forecastRunway', () => {
  it('says "not enough history" under two days of readings, and with none', () => {
    expect(forecastRunway([], [], 50_000, NOW)).toEqual({ kind: 'not-enough-history' });
    expect(forecastRunway([at(1.9, 90_000), at(0, 50_000)], [], 50_000, NOW)).toEqual({
      kind: 'not-enough-history',
    });
  });

  it('ignores readings older than seven days', () => {
    // Only the 8-day-old reading would make two days of history.
    expect(forecastRunway([at(8, 900_000), at(1, 90_000), at(0, 50_000)], [], 50_000, NOW)).toEqual({
      kind: 'not-enough-history',
    });
  });

  it('says "no spending" when the balance never fell', () => {
    expect(forecastRunway([at(5, 40_000), at(3, 40_000), at(0, 40_000)], [], 40_000, NOW)).toEqual({
      kind: 'no-spending',
    });
  });

  it('reads the rate from every fall, in exact mils, and rounds the days down', () => {
    // $100.000 → $70.005 → $40.010 over 4 days: $59.990 spent, $14.9975/day; $40.010 lasts 2.67 days.
    const runway = forecastRunway([at(4, 100_000), at(2, 70_005), at(0, 40_010)], [], 40_010, NOW);
    expect(runway).toEqual({ kind: 'rate', spentMils: 59_990, spanMs: 4 * DAY_MS, daysLeft: 2 });
  });

  it('adds a recredit inside the window back, so buying is not mistaken for a quiet week', () => {
    // Spent $30 a day for 4 days; a $100 purchase two and a half days ago lifted the balance.
    const readings = [at(4, 150_000), at(3, 120_000), at(2, 190_000), at(1, 160_000), at(0, 130_000)];
    const recredits = [{ amountMils: 100_000, atMs: NOW - 2.5 * DAY_MS }];
    expect(forecastRunway(readings, recredits, 130_000, NOW)).toEqual({
      kind: 'rate',
      spentMils: 120_000,
      spanMs: 4 * DAY_MS,
      daysLeft: 4,
    });
    // Without knowing the recredit the rise would hide that day's spending.
    expect(forecastRunway(readings, [], 130_000, NOW)).toMatchObject({ spentMils: 90_000 });
  });

  it('counts labels printed outside the bot between two readings as spending', () => {
    // No purchase through the bot; the balance fell $12.50 between a sweep and a login.
    const runway = forecastRunway([at(3, 62_500), at(2, 62_500), at(0, 50_000)], [], 50_000, NOW);
    expect(runway).toMatchObject({ kind: 'rate', spentMils: 12_500, daysLeft: 12 });
  });

  it('a recredit exactly at a reading belongs to the interval that ends there', () => {
    const readings = [at(2, 20_000), at(1, 110_000), at(0, 100_000)];
    const recredits = [{ amountMils: 100_000, atMs: NOW - DAY_MS }];
    expect(forecastRunway(readings, recredits, 100_000, NOW)).toMatchObject({ spentMils: 20_000 });
  });

  it('handles balances and spans whose products pass 2^53 exactly', () => {
    const runway = forecastRunway([at(7, 99_999_990), at(0, 99_999_989)], [], 99_999_989, NOW - HOUR);
    // 7 days minus an hour of window: the first reading is out of it.
    expect(runway).toEqual({ kind: 'not-enough-history' });
    const exact = forecastRunway([at(6.5, 99_999_990), at(0, 99_999_989)], [], 99_999_989, NOW);
    expect(exact).toEqual({
      kind: 'rate',
      spentMils: 1,
      spanMs: 6.5 * DAY_MS,
      daysLeft: 649_999_928,
    });
  });
});

describe('suggestedPurchase', () => {
  it('covers fourteen days, rounded up to $5', () => {
    // $14.9975/day × 14 = $209.965 → $210.00.
    const runway = forecastRunway([at(4, 100_000), at(2, 70_005), at(0, 40_010)], [], 40_010, NOW);
    expect(suggestedPurchase(runway, 99_999_990)).toBe(210_000);
  });

  it('is at least $10 and at most the cap; none without a rate', () => {
    const small = forecastRunway([at(3, 10_000), at(0, 9_000)], [], 9_000, NOW);
    expect(suggestedPurchase(small, 99_999_990)).toBe(10_000);
    const big = forecastRunway([at(2, 9_000_000), at(0, 1_000_000)], [], 1_000_000, NOW);
    expect(suggestedPurchase(big, 500_000)).toBe(500_000);
    expect(suggestedPurchase({ kind: 'no-spending' }, 500_000)).toBeNull();
    expect(suggestedPurchase({ kind: 'not-enough-history' }, 500_000)).toBeNull();
  });
});
