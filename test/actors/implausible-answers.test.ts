import { describe, expect, it } from 'vitest';
import { makeActors } from '../../src/actors/index.ts';
import { PURCHASE_ANSWER_LOST } from '../../src/machine/index.ts';
import { MAIN, mainCredentials, TEAM, USER } from './fixtures.ts';
import { buyInput, flowError, readView, run, startHarness } from './harness.ts';

// Answers Endicia should not give, but which must never be shown as fact, recorded, or fed to alerts.

const otherAccount = (answer: string) =>
  answer.replace(`<AccountID>${MAIN}</AccountID>`, '<AccountID>9999999</AccountID>');

describe('an answer about another account', () => {
  it('a login answer naming another account is unreadable, not shown, and no alert hears it', async () => {
    const h = await startHarness();
    h.sim.inject({ kind: 'rewrite', op: 'GetAccountStatus', rewrite: otherAccount });
    const error = await flowError(
      run(makeActors(h.deps).verifyAccount, { teamId: TEAM, userId: USER, ...mainCredentials() }),
    );
    expect(error.failure).toMatchObject({ kind: 'unavailable', field: null });
    expect(error.message).toContain("Endicia's answer could not be read");
    expect(error.message).not.toContain('9999999');
    expect(h.readings).toEqual([]);
  });

  it('a purchase answer naming another account is not "bought": it is reconciled, never recorded as such', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    h.sim.inject({ kind: 'rewrite', op: 'BuyPostage', rewrite: otherAccount });
    const error = await flowError(
      run(makeActors(h.deps).buyPostage, buyInput(mainCredentials(), before, 1000, 'other-1')),
    );
    expect(error.code).toBe(PURCHASE_ANSWER_LOST);
    expect((await h.store.purchases.get('other-1'))?.state).toBe('unconfirmed');
    expect(h.readings).toEqual([]);
  });
});

describe('a purchase answer that contradicts itself', () => {
  const unchanged = (balance: string) => (answer: string) =>
    answer.replace(/<PostageBalance>[^<]*<\/PostageBalance>/, `<PostageBalance>${balance}</PostageBalance>`);

  for (const [what, balance] of [
    ['the balance did not grow ($120.50 → $120.50)', '120.5'],
    ['the balance fell ($120.50 → $1.00)', '1'],
  ] as const) {
    it(`${what}: unconfirmed and reconciled, never "Postage bought"`, async () => {
      const h = await startHarness();
      const before = await readView(h, mainCredentials());
      h.sim.inject({ kind: 'rewrite', op: 'BuyPostage', rewrite: unchanged(balance) });
      const error = await flowError(
        run(makeActors(h.deps).buyPostage, buyInput(mainCredentials(), before, 1000, 'odd-1')),
      );
      expect(error.code).toBe(PURCHASE_ANSWER_LOST);
      const record = await h.store.purchases.get('odd-1');
      expect(record?.state).toBe('unconfirmed');
      expect(record?.balanceAfterMils).toBeNull();
      expect(h.readings).toEqual([]);

      // The machine then reconciles from a fresh reading: the simulator really applied it.
      const settled = await run(makeActors(h.deps).reconcilePurchase, {
        ...buyInput(mainCredentials(), before, 1000, 'odd-1'),
      });
      expect(settled.outcome).toBe('confirmed');
      expect(settled.status?.balanceMils).toBe(130_500);
    });
  }
});

describe('a balance that cannot be read', () => {
  it('says the answer could not be read (not "unavailable")', async () => {
    const h = await startHarness();
    h.sim.inject({
      kind: 'rewrite',
      op: 'GetAccountStatus',
      rewrite: (answer) =>
        answer.replace(/<PostageBalance>[^<]*<\/PostageBalance>/, '<PostageBalance>1.2E+3</PostageBalance>'),
    });
    const error = await flowError(
      run(makeActors(h.deps).verifyAccount, { teamId: TEAM, userId: USER, ...mainCredentials() }),
    );
    expect(error.message).toContain("Endicia's answer could not be read");
    expect(error.message).not.toContain('unavailable');
  });
});
