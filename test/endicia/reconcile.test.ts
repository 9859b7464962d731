import { describe, expect, it } from 'vitest';
import { comparePurchase } from '../../src/endicia/reconcile.ts';
import type { AccountStatus } from '../../src/endicia/types.ts';

const before: AccountStatus = {
  accountId: '2500001',
  balanceMils: 120_500,
  ascendingBalanceMils: 0,
  serialNumber: 4,
  accountStatus: 'A',
  deviceId: '071S02500001',
  controlRegisterMils: 120_500,
};
const reading = (changes: Partial<AccountStatus>): AccountStatus => ({ ...before, ...changes });

describe('comparePurchase', () => {
  it('confirms when ControlRegister moved by exactly the amount, even if labels were printed meanwhile', () => {
    const now = reading({ controlRegisterMils: 145_500, balanceMils: 140_000 });
    expect(comparePurchase(before, now, 25_000)).toEqual({ outcome: 'confirmed', status: now });
  });

  it('says unconfirmed (not moved) when ControlRegister is unchanged (a printed label moved only the balance)', () => {
    const now = reading({ balanceMils: 115_000 });
    expect(comparePurchase(before, now, 25_000)).toEqual({
      outcome: 'unconfirmed',
      why: 'not-moved',
      status: now,
    });
  });

  it('is unconfirmed (moved otherwise) when ControlRegister moved by something else', () => {
    const result = comparePurchase(before, reading({ controlRegisterMils: 170_500 }), 25_000);
    expect(result).toMatchObject({
      outcome: 'unconfirmed',
      why: 'moved-otherwise',
      reason: 'the control register moved by +$50.00, not by the $25.00 purchase',
    });
  });

  it('falls back to the balance when either reading lacks ControlRegister', () => {
    const legacy = { ...before, controlRegisterMils: null };
    expect(
      comparePurchase(legacy, reading({ balanceMils: 145_500, controlRegisterMils: null }), 25_000).outcome,
    ).toBe('confirmed');
    expect(comparePurchase(legacy, reading({ controlRegisterMils: 145_500 }), 25_000)).toMatchObject({
      outcome: 'unconfirmed',
      why: 'not-moved',
    });
    expect(
      comparePurchase(before, reading({ balanceMils: 110_000, controlRegisterMils: null }), 25_000),
    ).toMatchObject({
      outcome: 'unconfirmed',
      why: 'moved-otherwise',
      reason: 'the balance moved by -$10.50, not by the $25.00 purchase',
    });
  });

  it('is unconfirmed (not comparable) when the readings are of different accounts', () => {
    expect(comparePurchase(before, reading({ accountId: '2500002' }), 25_000)).toMatchObject({
      outcome: 'unconfirmed',
      why: 'not-comparable',
    });
  });
});
