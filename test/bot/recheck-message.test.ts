import { describe, expect, it } from 'vitest';
import { recheckMessage } from '../../src/bot/messages/recheck.ts';
import type { PurchaseRecord } from '../../src/store/index.ts';

const record: PurchaseRecord = {
  requestId: 'req-1',
  teamId: 'T1',
  userId: 'U0BUYER',
  accountId: '2500001',
  amountMils: 1_500_000,
  balanceBeforeMils: 120_500,
  balanceAfterMils: 1_620_500,
  transactionId: null,
  message: null,
  state: 'confirmed',
  channelId: 'C1',
  createdAt: '2026-12-02T05:00:00.000Z',
  updatedAt: '2026-12-02T05:01:00.000Z',
};

describe('the thread reply after later re-checks', () => {
  it('confirmed: the amount, the balance, and that history is corrected', () => {
    const { text } = recheckMessage(record, { outcome: 'confirmed' }, null);
    expect(text).toContain(
      'the balance now shows this *$1,500.00* purchase for account 2500001 went through',
    );
    expect(text).toContain('balance $1,620.50');
    expect(text).toContain('`/postage history` is corrected');
  });

  it.each([
    ['not-moved', 'Still not confirmed'],
    ['unreadable', 'Still not confirmed'],
    ['no-login', '<@U0BUYER> has no usable remembered login for account 2500001'],
  ] as const)('unconfirmed, %s: says why, and exactly what to check and where', (why, said) => {
    const { text } = recheckMessage(
      { ...record, state: 'unconfirmed' },
      { outcome: 'unconfirmed', why },
      'SIMULATOR — no real postage',
    );
    expect(text).toContain(said);
    expect(text).toContain("Endicia's transaction history for account 2500001");
    expect(text).toContain('`/postage balance`: the balance rises by $1,500.00 if it went through');
    expect(text).toContain('Do not buy again until you know');
  });
});
