import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeActors, recheckPurchase, recoverPendingPurchases } from '../../src/actors/index.ts';
import { type AccountStatus, comparePurchase } from '../../src/endicia/index.ts';
import type { PurchaseRecord } from '../../src/store/index.ts';
import { MAIN, mainCredentials, OTHER, TEAM, USER } from './fixtures.ts';
import { type Harness, readView, rememberedAs, run, startHarness } from './harness.ts';

// Issue 9: one reconciliation. The wizard's lost answer, crash recovery and the later re-checks all decide
// with the client's comparison; a path with a comparison of its own fails here.
vi.mock('../../src/endicia/reconcile.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/endicia/reconcile.ts')>();
  return { comparePurchase: vi.fn(original.comparePurchase) };
});

const REQUEST = 'req-one-reconciliation';
const BEFORE_MILS = 120_500;
const AMOUNT_MILS = 25_000;

afterEach(() => {
  vi.mocked(comparePurchase).mockClear();
});

/** A harness whose account reads answer `reading` (still sent through the never-lock module, for real). */
async function harnessReading(reading: Partial<AccountStatus>): Promise<Harness> {
  const h = await startHarness();
  const real = h.deps.endicia;
  h.deps.endicia = {
    ...real,
    getAccountStatus: async (credentials, options) => ({
      ...(await real.getAccountStatus(credentials, options)),
      ...reading,
    }),
  };
  await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
  return h;
}

/** A $25 purchase on MAIN claimed against $120.50, in the journal as `state`. */
async function journal(h: Harness, state: PurchaseRecord['state']): Promise<PurchaseRecord> {
  const at = h.deps.now().toISOString();
  await h.store.purchases.begin({
    requestId: REQUEST,
    teamId: TEAM,
    userId: USER,
    accountId: MAIN,
    amountMils: AMOUNT_MILS,
    balanceBeforeMils: BEFORE_MILS,
    balanceAfterMils: null,
    transactionId: null,
    message: null,
    state: 'pending',
    channelId: 'C0POSTAGE',
    createdAt: at,
    updatedAt: at,
  });
  return state === 'pending'
    ? ((await h.store.purchases.get(REQUEST)) as PurchaseRecord)
    : h.store.purchases.update(REQUEST, { state });
}

/** Each path's decision on the same journal entry and the same reading. */
const paths = {
  async wizard(h: Harness) {
    await journal(h, 'unconfirmed');
    const before = {
      ...(await readView(h, mainCredentials())),
      balanceMils: BEFORE_MILS,
      controlRegisterMils: null,
    };
    const result = await run(makeActors(h.deps).reconcilePurchase, {
      teamId: TEAM,
      userId: USER,
      credentials: mainCredentials(),
      requestId: REQUEST,
      amountCents: AMOUNT_MILS / 10,
      before,
    });
    return { outcome: result.outcome, journal: (await h.store.purchases.get(REQUEST))?.state };
  },
  async recovery(h: Harness) {
    const [recovered] = await recoverPendingPurchases(h.deps, [await journal(h, 'pending')]);
    return { outcome: recovered?.outcome, journal: (await h.store.purchases.get(REQUEST))?.state };
  },
  async recheck(h: Harness) {
    const { verdict } = await recheckPurchase(h.deps, await journal(h, 'unconfirmed'));
    return { outcome: verdict?.outcome, journal: (await h.store.purchases.get(REQUEST))?.state };
  },
};

const cases: Array<[string, Partial<AccountStatus>, 'confirmed' | 'unconfirmed']> = [
  ['moved by exactly the amount', { balanceMils: 145_500, controlRegisterMils: null }, 'confirmed'],
  ['not moved', { balanceMils: 120_500, controlRegisterMils: null }, 'unconfirmed'],
  ['moved by more', { balanceMils: 175_500, controlRegisterMils: null }, 'unconfirmed'],
  ['fallen', { balanceMils: 95_500, controlRegisterMils: null }, 'unconfirmed'],
  // "before + amount", but another account's reading: only the client's comparison notices.
  ['"before + amount" on another account', { accountId: OTHER, balanceMils: 145_500 }, 'unconfirmed'],
];

describe('one reconciliation for the wizard, crash recovery and the later re-checks', () => {
  it.each(cases)('%s: every path decides the same, and journals it', async (_, reading, expected) => {
    for (const [name, path] of Object.entries(paths)) {
      const h = await harnessReading(reading);
      const seen = await path(h);
      expect({ path: name, ...seen }).toEqual({ path: name, outcome: expected, journal: expected });
    }
  });

  it.each(Object.entries(paths))(
    '%s decides with the client comparison (comparePurchase)',
    async (_, path) => {
      const h = await harnessReading({ balanceMils: 145_500, controlRegisterMils: null });
      await path(h);
      expect(vi.mocked(comparePurchase)).toHaveBeenCalledTimes(1);
      expect(vi.mocked(comparePurchase).mock.calls[0]?.[2]).toBe(AMOUNT_MILS);
    },
  );
});
