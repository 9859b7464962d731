import { describe, expect, it } from 'vitest';
import { type AlertState, nextAlertState } from '../../src/machine/low-balance.ts';

const THRESHOLD = 50_000; // $50.00

describe('nextAlertState', () => {
  it.each([
    { prev: 'armed', balance: 49_999, state: 'alerted', action: 'alert', why: 'armed and below: alert once' },
    { prev: 'armed', balance: 0, state: 'alerted', action: 'alert', why: 'an empty account is below' },
    {
      prev: 'armed',
      balance: 50_000,
      state: 'armed',
      action: 'none',
      why: 'exactly the threshold is not below',
    },
    { prev: 'armed', balance: 50_001, state: 'armed', action: 'none', why: 'above stays armed' },
    { prev: 'alerted', balance: 49_999, state: 'alerted', action: 'none', why: 'still low: no second alert' },
    { prev: 'alerted', balance: 0, state: 'alerted', action: 'none', why: 'lower still: no second alert' },
    {
      prev: 'alerted',
      balance: 50_000,
      state: 'armed',
      action: 'recover',
      why: 'back at the threshold re-arms',
    },
    { prev: 'alerted', balance: 120_500, state: 'armed', action: 'recover', why: 'back above re-arms' },
  ] as const)('$prev at $balance mils → $state/$action ($why)', ({ prev, balance, state, action }) => {
    expect(nextAlertState(prev, balance, THRESHOLD)).toEqual({ state, action });
  });

  it('fires on transitions only over a sequence: above → below → below → recover → below', () => {
    const balances = [80_000, 40_000, 30_000, 60_000, 10_000];
    let state: AlertState = 'armed';
    const actions = balances.map((balance) => {
      const next = nextAlertState(state, balance, THRESHOLD);
      state = next.state;
      return next.action;
    });
    expect(actions).toEqual(['none', 'alert', 'none', 'recover', 'alert']);
    expect(state).toBe('alerted');
  });

  it('a zero threshold never alerts', () => {
    expect(nextAlertState('armed', 0, 0)).toEqual({ state: 'armed', action: 'none' });
  });
});
