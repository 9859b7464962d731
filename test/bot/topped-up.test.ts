import { afterEach, describe, expect, it } from 'vitest';
import { topUpsSince } from '../../src/bot/alerts/topped-up.ts';
import { balanceRecovered } from '../../src/bot/messages/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { openStore, type PurchaseRecord, type Store } from '../../src/store/index.ts';

const SUB = { teamId: 'T1', accountId: '2500001' };
const LOW_AT = '2026-12-02T05:00:00.000Z';
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function journal(records: Array<Partial<PurchaseRecord>>) {
  store = await openStore({ url: 'memory://', logger: silentLogger });
  for (const [i, r] of records.entries()) {
    const createdAt = r.createdAt ?? LOW_AT;
    await store.purchases.begin({
      requestId: `req-${i}`,
      ...SUB,
      userId: 'U0BUYER',
      amountMils: 25_000,
      balanceBeforeMils: 10_000,
      balanceAfterMils: 35_000,
      transactionId: null,
      message: null,
      state: 'confirmed',
      channelId: null,
      updatedAt: createdAt,
      ...r,
      createdAt,
    });
  }
  return store.purchases;
}

describe('who topped up, for the "Recovered" edit', () => {
  it('names the buyers of confirmed purchases for the account since the low reading, and only them', async () => {
    const purchases = await journal([
      { userId: 'U0EARLY', createdAt: '2026-12-02T04:59:59.000Z' }, // before the low reading
      { userId: 'U0REFUSED', state: 'failed', createdAt: '2026-12-02T05:01:00.000Z' },
      { userId: 'U0OTHER', accountId: '2500002', createdAt: '2026-12-02T05:01:00.000Z' },
      { userId: 'U0BUYER', createdAt: '2026-12-02T05:02:00.000Z' },
    ]);
    const toppedUp = await topUpsSince(purchases, SUB, LOW_AT);
    expect(toppedUp).toEqual([{ userId: 'U0BUYER', amountMils: 25_000 }]);
    const reading = { ...SUB, balanceMils: 35_000, thresholdMils: 20_000, environmentLabel: null };
    expect(balanceRecovered(reading, undefined, toppedUp).text).toContain(
      'Topped up through the bot by <@U0BUYER> ($25.00).',
    );
  });

  it('says nothing about who when the bot does not know (no purchase through it, or no low reading)', async () => {
    const purchases = await journal([{ createdAt: '2026-12-02T04:00:00.000Z' }]);
    expect(await topUpsSince(purchases, SUB, LOW_AT)).toEqual([]);
    expect(await topUpsSince(purchases, SUB, null)).toEqual([]);
    const reading = { ...SUB, balanceMils: 35_000, thresholdMils: 20_000, environmentLabel: null };
    expect(balanceRecovered(reading, undefined, []).text).not.toContain('Topped up');
  });
});
