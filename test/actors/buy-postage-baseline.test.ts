import { describe, expect, it } from 'vitest';
import { makeActors } from '../../src/actors/index.ts';
import { MAIN, mainCredentials } from './fixtures.ts';
import { buyInput, flowError, type Harness, readView, run, startHarness } from './harness.ts';

const MINUTE = 60_000;

/** A login reading taken `ageMs` ago, after which someone else bought $30 on the same account. */
async function loginThenOutsiderBuys(h: Harness, ageMs: number) {
  const before = await readView(h, mainCredentials());
  await h.outsider.buyPostage(mainCredentials(), 30_000, { requestId: 'elsewhere' });
  h.clock.now = new Date(h.clock.now.getTime() + ageMs);
  return before;
}

describe('buyPostage baseline', () => {
  it('re-reads a login reading older than two minutes and journals that fresh balance', async () => {
    const h = await startHarness();
    const before = await loginThenOutsiderBuys(h, 3 * MINUTE);
    const statusReads = h.count('GetAccountStatus');
    const output = await run(
      makeActors(h.deps).buyPostage,
      buyInput(mainCredentials(), before, 2500, 'req-stale'),
    );

    expect(h.count('GetAccountStatus')).toBe(statusReads + 1);
    // The re-read came before the purchase, so the journal holds the balance the purchase was made against.
    expect(h.sim.calls.map((call) => call.op).slice(-2)).toEqual(['GetAccountStatus', 'BuyPostage']);
    expect(await h.store.purchases.get('req-stale')).toMatchObject({
      balanceBeforeMils: 150_500,
      balanceAfterMils: 175_500,
      state: 'confirmed',
    });
    expect(output.balanceAfterMils).toBe(175_500);
  });

  it('uses a login reading up to two minutes old as it is (no extra read)', async () => {
    const h = await startHarness();
    const before = await loginThenOutsiderBuys(h, 2 * MINUTE);
    const statusReads = h.count('GetAccountStatus');
    await run(makeActors(h.deps).buyPostage, buyInput(mainCredentials(), before, 2500, 'req-recent'));

    expect(h.count('GetAccountStatus')).toBe(statusReads);
    expect((await h.store.purchases.get('req-recent'))?.balanceBeforeMils).toBe(120_500);
  });

  it('buys nothing and journals nothing when the stale reading cannot be refreshed', async () => {
    const h = await startHarness();
    const before = await loginThenOutsiderBuys(h, 5 * MINUTE);
    h.sim.inject({ kind: 'http-500', op: 'GetAccountStatus' });
    const error = await flowError(
      run(makeActors(h.deps).buyPostage, buyInput(mainCredentials(), before, 2500, 'req-unread')),
    );

    expect(error.failure).toMatchObject({ kind: 'unavailable' });
    expect(error.code).not.toBe('PURCHASE_ANSWER_LOST');
    expect(h.count('BuyPostage')).toBe(1); // the outsider's only
    expect(await h.store.purchases.get('req-unread')).toBeUndefined();
    expect(h.sim.account(MAIN)?.balanceMils).toBe(150_500);
  });
});
