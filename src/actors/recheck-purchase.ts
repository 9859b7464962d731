import type { Verdict } from '../lib/purchase-outcome.ts';
import type { PurchaseRecord } from '../store/index.ts';
import type { ActorDeps } from './deps.ts';
import { reconcileFromJournal } from './reconcile-journal.ts';

/**
 * One later look: the balance's verdict (`null` when the journal already holds an outcome someone else
 * wrote: that one stands, and nothing is told), and the purchase as it now stands in the journal.
 */
export interface Rechecked {
  verdict: Verdict | null;
  record: PurchaseRecord;
}

/**
 * One later look at an unconfirmed purchase: `confirmed` when the balance moved by exactly its amount
 * since the reading it was bought against; otherwise `unconfirmed` with why (`no-login`: the buyer has no
 * usable remembered login for the account, none or blocked by a refusal, so nothing was sent).
 *
 * Decides with the same reconciliation as crash recovery (`reconcileFromJournal`, the client's
 * comparison). Only reads: never buys. Writes `confirmed` to the journal when the balance shows it (so
 * `/postage history` tells the truth); otherwise leaves the record.
 */
export async function recheckPurchase(deps: ActorDeps, record: PurchaseRecord): Promise<Rechecked> {
  const seen = await reconcileFromJournal(deps, record);
  if (seen.status !== null) {
    deps.onBalanceRead?.({
      source: 'recheck',
      teamId: record.teamId,
      accountId: seen.status.accountId,
      balanceMils: seen.status.balanceMils,
      at: deps.now(),
    });
  }
  if (seen.outcome !== 'confirmed') return { verdict: { outcome: 'unconfirmed', why: seen.why }, record };
  const current = await deps.purchases.get(record.requestId);
  // Someone (or something) already wrote a definite outcome: that one stands.
  if (current?.state !== 'unconfirmed') return { verdict: null, record: current ?? record };
  const updated = await deps.purchases.update(record.requestId, {
    state: 'confirmed',
    balanceAfterMils: seen.status.balanceMils,
    message: "Endicia's answer was lost; a later check of the balance shows the purchase went through.",
  });
  return { verdict: { outcome: 'confirmed' }, record: updated };
}
