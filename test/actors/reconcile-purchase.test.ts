import { describe, expect, it } from 'vitest';
import { makeActors } from '../../src/actors/index.ts';
import type { FaultKind } from '../../src/endicia/simulator/index.ts';
import type { AccountView } from '../../src/machine/index.ts';
import { MAIN, mainCredentials, TEAM, USER } from './fixtures.ts';
import { buyInput, flowError, type Harness, readView, run, startHarness } from './harness.ts';

const REQUEST = 'req-reconcile';

/** A $25 purchase whose answer never arrives (`lost-answer`: applied; `reset`: not applied). */
async function buyLost(h: Harness, before: AccountView, fault: FaultKind) {
  h.sim.inject({ kind: fault, op: 'BuyPostage' });
  await flowError(run(makeActors(h.deps).buyPostage, buyInput(mainCredentials(), before, 2500, REQUEST)));
}

function reconcile(h: Harness, before: AccountView) {
  return run(makeActors(h.deps).reconcilePurchase, {
    teamId: TEAM,
    userId: USER,
    credentials: mainCredentials(),
    requestId: REQUEST,
    amountCents: 2500,
    before,
  });
}

describe('reconcilePurchase', () => {
  it('confirms a purchase the balance shows went through, and journals it confirmed', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    await buyLost(h, before, 'lost-answer');
    const result = await reconcile(h, before);

    expect(result.outcome).toBe('confirmed');
    expect(result.status).toMatchObject({ accountId: MAIN, balanceMils: 145_500 });
    expect(await h.store.purchases.get(REQUEST)).toMatchObject({
      state: 'confirmed',
      balanceAfterMils: 145_500,
      message: 'Endicia did not answer, but the balance shows the purchase went through.',
    });
    expect(h.readings.at(-1)).toMatchObject({ accountId: MAIN, balanceMils: 145_500 });
    expect(h.count('BuyPostage')).toBe(1);
  });

  it('reports unconfirmed (not moved) when nothing was bought, and leaves the journal unconfirmed', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    await buyLost(h, before, 'reset');
    const result = await reconcile(h, before);

    expect(result).toMatchObject({ outcome: 'unconfirmed', why: 'not-moved' });
    expect(result.status?.balanceMils).toBe(120_500);
    expect(await h.store.purchases.get(REQUEST)).toMatchObject({
      state: 'unconfirmed',
      balanceAfterMils: 120_500,
      message: 'Endicia did not answer and the balance does not confirm the purchase.',
    });
    expect(h.count('BuyPostage')).toBe(1);
  });

  it('reports unconfirmed (unreadable) when the account cannot be re-read', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    await buyLost(h, before, 'lost-answer');
    h.sim.inject({ kind: 'http-500', op: 'GetAccountStatus' });
    const result = await reconcile(h, before);

    expect(result).toEqual({ outcome: 'unconfirmed', why: 'unreadable', status: null });
    expect(await h.store.purchases.get(REQUEST)).toMatchObject({
      state: 'unconfirmed',
      balanceAfterMils: null,
    });
    expect(h.count('BuyPostage')).toBe(1);
  });

  it('reports unconfirmed (moved otherwise) when the balance moved by something other than the amount', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    await buyLost(h, before, 'lost-answer');
    await h.outsider.buyPostage(mainCredentials(), 30_000, { requestId: 'elsewhere' });
    const result = await reconcile(h, before);

    expect(result).toMatchObject({ outcome: 'unconfirmed', why: 'moved-otherwise' });
    expect(result.status?.balanceMils).toBe(175_500);
    expect((await h.store.purchases.get(REQUEST))?.state).toBe('unconfirmed');
  });

  it("compares with the journal's balance when the purchase re-read a stale login reading", async () => {
    const h = await startHarness();
    const login = await readView(h, mainCredentials());
    await h.outsider.buyPostage(mainCredentials(), 30_000, { requestId: 'elsewhere' });
    h.clock.now = new Date(h.clock.now.getTime() + 3 * 60_000);
    await buyLost(h, login, 'lost-answer');
    expect((await h.store.purchases.get(REQUEST))?.balanceBeforeMils).toBe(150_500);

    // Against the login reading the balance moved by $55; against the journal's by exactly the $25.
    const result = await reconcile(h, login);
    expect(result.outcome).toBe('confirmed');
    expect(result.status?.balanceMils).toBe(175_500);
    expect((await h.store.purchases.get(REQUEST))?.state).toBe('confirmed');
  });

  it('still answers when the journal cannot be updated (logged)', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    await buyLost(h, before, 'lost-answer');
    const purchases = {
      ...h.store.purchases,
      update: async () => {
        throw new Error('store down');
      },
    };
    const result = await run(makeActors({ ...h.deps, purchases }).reconcilePurchase, {
      teamId: TEAM,
      userId: USER,
      credentials: mainCredentials(),
      requestId: REQUEST,
      amountCents: 2500,
      before,
    });

    expect(result.outcome).toBe('confirmed');
    expect(h.logs.some((line) => line.includes('could not record the reconciliation'))).toBe(true);
  });

  // Defence in depth: two attempts with one request id at once (e.g. two processes on one store) must not let
  // a balance reading downgrade a purchase Endicia confirmed (receipts, history and replays rely on it).
  it('does not downgrade a purchase Endicia already confirmed', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    const bought = await run(
      makeActors(h.deps).buyPostage,
      buyInput(mainCredentials(), before, 2500, REQUEST),
    );
    await h.outsider.buyPostage(mainCredentials(), 30_000, { requestId: 'elsewhere' });
    const result = await reconcile(h, before);

    expect(result).toMatchObject({ outcome: 'unconfirmed', why: 'moved-otherwise' });
    expect(await h.store.purchases.get(REQUEST)).toMatchObject({
      state: 'confirmed',
      transactionId: bought.transactionId,
      message: bought.message,
    });
  });
});
