import type { PurchaseRecord, RecoveredPurchase } from '../store/index.ts';
import type { ActorDeps } from './deps.ts';
import { reconcileFromJournal } from './reconcile-journal.ts';

/**
 * Journal entries still `pending` whose instance stopped (see claim-watch.ts: which ones, and who settles
 * them) were interrupted between their claim and their answer. Nothing is ever bought again: each is
 * re-checked with the buyer's remembered login for that account (if any, never a refused one) and marked
 * confirmed or unconfirmed, so the buyer can be told honestly.
 */
export async function recoverPendingPurchases(
  deps: ActorDeps,
  /** Claims known to be interrupted (their owner is gone), not merely pending: those may be in flight. */
  interrupted: readonly PurchaseRecord[],
): Promise<RecoveredPurchase[]> {
  const recovered: RecoveredPurchase[] = [];
  for (const record of interrupted) {
    try {
      recovered.push(await recover(deps, record));
    } catch (error) {
      deps.logger.error('could not settle an interrupted purchase', { requestId: record.requestId, error });
    }
  }
  return recovered;
}

async function recover(deps: ActorDeps, record: PurchaseRecord): Promise<RecoveredPurchase> {
  // The same reconciliation as the later re-checks, with the client's comparison the wizard uses.
  const seen = await reconcileFromJournal(deps, record);
  const balanceMils = seen.status?.balanceMils ?? null;
  const message =
    seen.outcome === 'confirmed'
      ? 'The app stopped during the purchase; the balance shows it went through.'
      : balanceMils === null
        ? 'The app stopped during the purchase; the balance could not be checked.'
        : 'The app stopped during the purchase; the balance does not confirm it.';
  const updated = await deps.purchases.update(record.requestId, {
    state: seen.outcome,
    balanceAfterMils: balanceMils,
    message,
  });
  return { record: updated, outcome: seen.outcome, balanceMils };
}
