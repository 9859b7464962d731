import { describe, expect, it } from 'vitest';
import { makeActors } from '../../src/actors/index.ts';
import { PURCHASE_ANSWER_LOST } from '../../src/machine/index.ts';
import { MAIN, mainCredentials } from './fixtures.ts';
import { buyInput, flowError, readView, run, startHarness } from './harness.ts';

describe('buyPostage when the answer is lost', () => {
  it('rejects as lost, journals unconfirmed, and a replay stays lost without a second BuyPostage', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    const actors = makeActors(h.deps);
    // Applied by the server, then the connection is dropped before the answer.
    h.sim.inject({ kind: 'lost-answer', op: 'BuyPostage' });
    const error = await flowError(
      run(actors.buyPostage, buyInput(mainCredentials(), before, 2500, 'req-lost')),
    );

    expect(error.failure).toMatchObject({
      kind: 'unavailable',
      code: PURCHASE_ANSWER_LOST,
    });
    expect(await h.store.purchases.get('req-lost')).toMatchObject({
      state: 'unconfirmed',
      balanceBeforeMils: 120_500,
      balanceAfterMils: null,
    });
    expect(h.sim.account(MAIN)?.recredits).toBe(1);
    expect(h.logs.some((line) => line.includes('purchase answer lost'))).toBe(true);

    const replay = await flowError(
      run(actors.buyPostage, buyInput(mainCredentials(), before, 2500, 'req-lost')),
    );
    expect(replay.code).toBe(PURCHASE_ANSWER_LOST);
    expect(h.count('BuyPostage')).toBe(1);
    expect(h.sim.account(MAIN)?.recredits).toBe(1);
  });

  it('treats an HTTP 500 on BuyPostage as lost too (the server may have applied it)', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    h.sim.inject({ kind: 'http-500', op: 'BuyPostage' });
    const error = await flowError(
      run(makeActors(h.deps).buyPostage, buyInput(mainCredentials(), before, 2500, 'req-500')),
    );

    expect(error.code).toBe(PURCHASE_ANSWER_LOST);
    expect((await h.store.purchases.get('req-500'))?.state).toBe('unconfirmed');
  });

  it('lets exactly one of two simultaneous confirmations with one request id reach Endicia', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    // The first purchase is held in flight until the second attempt has answered: no timing involved.
    let release: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => {
      release = resolve;
    });
    const endicia = {
      ...h.endicia,
      buyPostage: async (...args: Parameters<typeof h.endicia.buyPostage>) => {
        await inFlight;
        return h.endicia.buyPostage(...args);
      },
    };
    const buy = makeActors({ ...h.deps, endicia }).buyPostage;
    const input = buyInput(mainCredentials(), before, 2500, 'req-double-click');
    const attempts = [run(buy, input), run(buy, input)];
    const firstToSettle = await Promise.race(
      attempts.map((p) =>
        p.then(
          () => 'fulfilled',
          () => 'rejected',
        ),
      ),
    );
    expect(firstToSettle).toBe('rejected');
    release();
    const results = await Promise.allSettled(attempts);

    expect(h.count('BuyPostage')).toBe(1);
    expect(h.sim.account(MAIN)?.recredits).toBe(1);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const codes = results.flatMap((result) =>
      result.status === 'rejected' ? [(result.reason as { code?: unknown }).code] : [],
    );
    // Still pending when the second looked: its outcome is unknown to it, so the machine reconciles.
    expect(codes).toEqual([PURCHASE_ANSWER_LOST]);
  });
});
