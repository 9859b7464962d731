import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.ts';
import { createMetrics, instrumentStore } from '../../src/metrics/index.ts';
import { openStore, type PurchaseRecord } from '../../src/store/index.ts';
import { metric } from '../helpers/metrics-text.ts';

const record = (requestId: string): PurchaseRecord => ({
  requestId,
  teamId: 'T1',
  userId: 'U1',
  accountId: '2500001',
  amountMils: 25_000,
  balanceBeforeMils: 120_500,
  balanceAfterMils: null,
  transactionId: null,
  message: null,
  state: 'pending',
  channelId: 'C1',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
});

async function instrumented() {
  const metrics = createMetrics();
  const logger = createLogger({ level: 'error', write: () => {} });
  const store = instrumentStore(await openStore({ url: 'memory://', logger }), metrics);
  return { store, text: () => metrics.registry.metrics() };
}

describe('instrumentStore', () => {
  it('counts purchase outcomes written to the journal, and a repeated claim as replayed', async () => {
    const { store, text } = await instrumented();
    for (const id of ['a', 'b', 'c', 'd'])
      expect(await store.purchases.begin(record(id))).toEqual({ claimed: true });
    await store.purchases.update('a', { state: 'confirmed', balanceAfterMils: 145_500 });
    await store.purchases.update('b', { state: 'failed' });
    await store.purchases.update('c', { state: 'unconfirmed' });
    await store.purchases.update('d', { message: 'no state change' });
    expect((await store.purchases.begin(record('a'))).claimed).toBe(false);

    const counts = await text();
    const purchases = (outcome: string) => metric(counts, 'postage_purchases_total', { outcome });
    expect(['confirmed', 'failed', 'unconfirmed', 'replayed'].map(purchases)).toEqual([1, 1, 1, 1]);
    expect(metric(counts, 'postage_purchases_total')).toBe(4);
    expect((await store.purchases.get('a'))?.state).toBe('confirmed');
  });

  it('counts failed operations by store part and method, and still rejects with the store error', async () => {
    const { store, text } = await instrumented();
    await store.close();
    await expect(store.sessions.get('s1')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    await expect(
      store.credentials.set('T1', 'U1', {
        accountId: '2500001',
        passPhrase: 'secret phrase',
        savedAt: '2026-12-01T00:00:00.000Z',
        monitorBlockedAt: null,
      }),
    ).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    await expect(store.purchases.update('a', { state: 'confirmed' })).rejects.toMatchObject({
      code: 'STORE_CLOSED',
    });

    const counts = await text();
    expect(metric(counts, 'postage_store_errors_total', { store: 'sessions', operation: 'get' })).toBe(1);
    expect(metric(counts, 'postage_store_errors_total', { store: 'credentials', operation: 'set' })).toBe(1);
    expect(metric(counts, 'postage_store_errors_total', { store: 'purchases', operation: 'update' })).toBe(1);
    expect(metric(counts, 'postage_purchases_total')).toBe(0);
  });

  it('passes successful calls through without counting an error', async () => {
    const { store, text } = await instrumented();
    await store.sessions.set('s1', { step: 1 }, 60_000);
    expect(await store.sessions.get('s1')).toEqual({ step: 1 });
    expect(metric(await text(), 'postage_store_errors_total')).toBe(0);
  });
});
