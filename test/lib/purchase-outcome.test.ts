import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.ts';
import { PURCHASE_OUTCOMES } from '../../src/lib/purchase-outcome.ts';
import { openStore, type PurchaseState } from '../../src/store/index.ts';

describe('the purchase outcome vocabulary', () => {
  // The journal stores these very strings (old records too): renaming one would orphan every record.
  it('is the journal’s stored values, unchanged', () => {
    expect(PURCHASE_OUTCOMES).toEqual(['confirmed', 'failed', 'unconfirmed']);
  });

  it('each outcome (and pending) is what the journal writes and reads back', async () => {
    const logger = createLogger({ level: 'error', write: () => {} });
    const store = await openStore({ url: 'memory://', logger });
    try {
      const at = new Date().toISOString();
      const states: PurchaseState[] = ['pending', ...PURCHASE_OUTCOMES];
      for (const state of states) {
        await store.purchases.begin({
          requestId: `req-${state}`,
          teamId: 'T1',
          userId: 'U1',
          accountId: '2500001',
          amountMils: 25_000,
          balanceBeforeMils: 120_500,
          balanceAfterMils: null,
          transactionId: null,
          message: null,
          state: 'pending',
          channelId: null,
          createdAt: at,
          updatedAt: at,
        });
        await store.purchases.update(`req-${state}`, { state });
        expect((await store.purchases.get(`req-${state}`))?.state).toBe(state);
      }
    } finally {
      await store.close();
    }
  });
});
