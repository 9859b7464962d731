import { describe, expect, it } from 'vitest';
import { judgeSpend, spendRefusal } from '../../src/machine/index.ts';

const none = { buyerIds: [], dailyLimitMils: null, monthlyLimitMils: null };
const spent = (person: number, workspace: number) => ({
  personLast24hMils: person,
  workspaceLast30dMils: workspace,
});

describe('judgeSpend', () => {
  it('defaults to today: anyone, any amount', () => {
    expect(judgeSpend(none, 'U1', 99_999_990, spent(10 ** 9, 10 ** 9))).toEqual({ kind: 'ok' });
  });

  it('refuses someone not among the buyers, whatever the amount', () => {
    expect(judgeSpend({ ...none, buyerIds: ['U2'] }, 'U1', 10_000, spent(0, 0))).toEqual({
      kind: 'not-buyer',
    });
    expect(judgeSpend({ ...none, buyerIds: ['U2'] }, 'U2', 10_000, spent(0, 0))).toEqual({ kind: 'ok' });
  });

  it('allows exactly up to a limit and says what is left past it', () => {
    const daily = { ...none, dailyLimitMils: 100_000 };
    expect(judgeSpend(daily, 'U1', 40_000, spent(60_000, 0))).toEqual({ kind: 'ok' });
    expect(judgeSpend(daily, 'U1', 40_010, spent(60_000, 0))).toEqual({
      kind: 'over-daily',
      leftMils: 40_000,
    });
    const monthly = { ...none, monthlyLimitMils: 500_000 };
    expect(judgeSpend(monthly, 'U1', 100_000, spent(0, 450_000))).toEqual({
      kind: 'over-monthly',
      leftMils: 50_000,
    });
  });

  it('words refusals with dollars, and says "nothing more" below the $10 minimum', () => {
    expect(spendRefusal({ kind: 'over-daily', leftMils: 40_000 })).toBe(
      'That is over your daily limit (24 hours). You can buy up to $40.00 more today.',
    );
    expect(spendRefusal({ kind: 'over-daily', leftMils: 9_990 })).toContain(
      'nothing more can be bought today',
    );
    expect(spendRefusal({ kind: 'not-buyer' })).toContain('not one of this workspace');
  });
});
