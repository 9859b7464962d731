import { describe, expect, it } from 'vitest';
import { createSpendingGate, makeActors } from '../../src/actors/index.ts';
import { mainCredentials, TEAM } from './fixtures.ts';
import { buyInput, flowError, type Harness, readView, run, startHarness } from './harness.ts';

/** The harness with team controls: a daily limit of $40 per person and the `spend:<team>` lease. */
async function limited(): Promise<Harness> {
  const h = await startHarness();
  await h.store.settings.put({
    teamId: TEAM,
    approvalAboveMils: null,
    approverIds: [],
    approvalsChannelId: null,
    dailyLimitMils: 40_000,
    monthlyLimitMils: null,
    buyerIds: [],
    postageAdminIds: [],
    updatedBy: null,
    updatedAt: null,
  });
  let ids = 0;
  h.deps.spending = createSpendingGate({
    settings: h.store.settings,
    purchases: h.store.purchases,
    audit: h.store.audit,
    logger: h.deps.logger,
    now: h.deps.now,
    newId: () => `audit-${++ids}`,
  });
  h.deps.spendLease = { leases: h.store.leases, ttlMs: 15_000, waitMs: 2_000 };
  return h;
}

describe('the limits check and the journal claim are one step', () => {
  it('two purchases at once by one person over the daily limit: one bought, the other refused with what is left', async () => {
    const h = await limited();
    const before = await readView(h, mainCredentials());
    const actors = makeActors(h.deps);
    const outcomes = await Promise.allSettled([
      run(actors.buyPostage, buyInput(mainCredentials(), before, 2500, 'req-a')),
      run(actors.buyPostage, buyInput(mainCredentials(), before, 2500, 'req-b')),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected');
    const error = await flowError(
      Promise.reject(refused?.status === 'rejected' ? refused.reason : undefined),
    );
    expect(error.failure).toMatchObject({
      field: 'amount',
      message: 'That is over your daily limit (24 hours). You can buy up to $15.00 more today.',
    });
    expect(h.count('BuyPostage')).toBe(1);
  });

  it('a spend lease held elsewhere for longer than the wait: nothing checked, claimed or bought', async () => {
    const h = await limited();
    h.deps.spendLease = { leases: h.store.leases, ttlMs: 15_000, waitMs: 50 };
    await h.store.leases.acquire(`spend:${TEAM}`, 'another-instance', 60_000);
    const before = await readView(h, mainCredentials());
    const error = await flowError(
      run(makeActors(h.deps).buyPostage, buyInput(mainCredentials(), before, 2500, 'req-held')),
    );
    expect(error.failure.code).toBe('JOURNAL_UNAVAILABLE');
    expect(await h.store.purchases.get('req-held')).toBeUndefined();
    expect(h.count('BuyPostage')).toBe(0);
  });

  it('lets the spend lease go once the claim is committed, before it is synced to disk (the next claim shares that sync)', async () => {
    const h = await limited();
    const journal = h.deps.purchases;
    let releasedBeforeSynced: boolean | undefined;
    h.deps.purchases = {
      ...journal,
      async begin(record, options) {
        // A store whose sync takes a while: committed (visible) first, durable 20 ms later.
        const claim = await journal.begin(record, options);
        await new Promise((resolve) => setTimeout(resolve, 20));
        releasedBeforeSynced = (await h.store.leases.holder(`spend:${TEAM}`)) === undefined;
        return claim;
      },
    };
    const before = await readView(h, mainCredentials());
    await run(makeActors(h.deps).buyPostage, buyInput(mainCredentials(), before, 2500, 'req-early'));
    expect(releasedBeforeSynced).toBe(true);
    expect(h.count('BuyPostage')).toBe(1);
    expect(await h.store.leases.holder(`spend:${TEAM}`)).toBeUndefined();
  });
});
