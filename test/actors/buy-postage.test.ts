import { describe, expect, it } from 'vitest';
import { makeActors } from '../../src/actors/index.ts';
import { StoreError } from '../../src/store/index.ts';
import { MAIN, mainCredentials, TEAM, USER } from './fixtures.ts';
import { buyInput, flowError, readView, run, startHarness } from './harness.ts';

describe('buyPostage', () => {
  it('buys once and journals the confirmed purchase with both balances and the transaction id', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    const output = await run(
      makeActors(h.deps).buyPostage,
      buyInput(mainCredentials(), before, 2500, 'req-ok'),
    );

    expect(output.balanceAfterMils).toBe(145_500);
    expect(output.transactionId).toMatch(/^\d+$/);
    expect(output.message).toBe(`Endicia accepted the purchase (transaction ${output.transactionId}).`);
    expect(output.status).toMatchObject({ accountId: MAIN, balanceMils: 145_500, accountStatus: 'A' });
    expect(h.sim.account(MAIN)?.balanceMils).toBe(145_500);
    expect(h.count('BuyPostage')).toBe(1);

    const record = await h.store.purchases.get('req-ok');
    expect(record).toMatchObject({
      requestId: 'req-ok',
      teamId: TEAM,
      userId: USER,
      accountId: MAIN,
      channelId: 'C0POSTAGE',
      amountMils: 25_000,
      balanceBeforeMils: 120_500,
      balanceAfterMils: 145_500,
      transactionId: output.transactionId,
      state: 'confirmed',
      message: output.message,
    });
    // The alert monitor counts the purchase's answer as a fresh reading.
    expect(h.readings).toEqual([
      { source: 'purchase', teamId: TEAM, accountId: MAIN, balanceMils: 145_500, at: h.clock.now },
    ]);
  });

  it('answers a replayed confirmation from the journal without calling Endicia again', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    const actors = makeActors(h.deps);
    const first = await run(actors.buyPostage, buyInput(mainCredentials(), before, 2500, 'req-twice'));
    const again = await run(actors.buyPostage, buyInput(mainCredentials(), before, 2500, 'req-twice'));

    expect(h.count('BuyPostage')).toBe(1);
    expect(h.sim.account(MAIN)?.recredits).toBe(1);
    expect(again).toMatchObject({
      transactionId: first.transactionId,
      balanceAfterMils: 145_500,
      message: first.message,
      status: { accountId: MAIN, balanceMils: 145_500 },
    });
  });

  it('journals a refused amount as failed, rejects on the amount field, and never retries it', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    const actors = makeActors(h.deps);
    // $600 is over the account's $500 per-purchase limit: Endicia answers 12119.
    const error = await flowError(
      run(actors.buyPostage, buyInput(mainCredentials(), before, 60_000, 'req-big')),
    );

    expect(error.failure).toMatchObject({ kind: 'amount', code: '12119', field: 'amount' });
    expect(error.failure.message.startsWith('Endicia refused the amount.')).toBe(true);
    const record = await h.store.purchases.get('req-big');
    expect(record?.state).toBe('failed');
    expect(record?.message).toEqual(expect.any(String));
    expect(record?.balanceAfterMils).toBeNull();
    expect(h.sim.account(MAIN)?.balanceMils).toBe(120_500);

    const replay = await flowError(
      run(actors.buyPostage, buyInput(mainCredentials(), before, 60_000, 'req-big')),
    );
    expect(replay.failure).toMatchObject({
      kind: 'service',
      code: 'PURCHASE_ALREADY_REFUSED',
    });
    expect(h.count('BuyPostage')).toBe(1);
  });

  it('treats an amount that is not whole cents as a definite failure (nothing sent), not a lost answer', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    const error = await flowError(
      run(makeActors(h.deps).buyPostage, buyInput(mainCredentials(), before, 2500.5, 'req-fraction')),
    );

    expect(error.code).not.toBe('PURCHASE_ANSWER_LOST');
    expect(error.failure.kind).toBe('internal');
    expect((await h.store.purchases.get('req-fraction'))?.state).toBe('failed');
    expect(h.count('BuyPostage')).toBe(0);
  });

  it('buys nothing when the purchase journal cannot claim the request id', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    const purchases = {
      ...h.store.purchases,
      begin: async () => {
        throw new StoreError('STORE_WRITE_FAILED', 'disk full');
      },
    };
    const error = await flowError(
      run(
        makeActors({ ...h.deps, purchases }).buyPostage,
        buyInput(mainCredentials(), before, 2500, 'req-j'),
      ),
    );

    expect(error.failure).toMatchObject({ kind: 'internal', code: 'JOURNAL_UNAVAILABLE' });
    expect(h.count('BuyPostage')).toBe(0);
  });

  it('keeps a confirmed purchase a success when journaling the outcome fails (logged, not thrown)', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    const purchases = {
      ...h.store.purchases,
      update: async () => {
        throw new StoreError('STORE_WRITE_FAILED', 'disk full');
      },
    };
    const output = await run(
      makeActors({ ...h.deps, purchases }).buyPostage,
      buyInput(mainCredentials(), before, 2500, 'req-unjournaled'),
    );

    expect(output.balanceAfterMils).toBe(145_500);
    expect(h.logs.some((line) => line.includes('could not record the purchase outcome'))).toBe(true);
  });
});
