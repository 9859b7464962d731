import type { PurchaseRecord, RecoveredPurchase } from '../store/index.ts';
import type { ActorDeps } from './deps.ts';

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
  // Any later purchase on the account (bought after the restart, while this waited its turn) makes the
  // balance ambiguous: "before + amount" could be that one. Never confirm from an ambiguous balance.
  const [newest] = await deps.purchases.listByAccount(record.teamId, record.accountId, 1);
  const ambiguous = newest !== undefined && newest.requestId !== record.requestId;
  const balanceMils = ambiguous ? null : await balanceFor(deps, record);
  const expected = record.balanceBeforeMils === null ? null : record.balanceBeforeMils + record.amountMils;
  const outcome = balanceMils !== null && balanceMils === expected ? 'confirmed' : 'unconfirmed';
  const message =
    outcome === 'confirmed'
      ? 'The app stopped during the purchase; the balance shows it went through.'
      : balanceMils === null
        ? 'The app stopped during the purchase; the balance could not be checked.'
        : 'The app stopped during the purchase; the balance does not confirm it.';
  const updated = await deps.purchases.update(record.requestId, {
    state: outcome,
    balanceAfterMils: balanceMils,
    message,
  });
  return { record: updated, outcome, balanceMils };
}

async function balanceFor(deps: ActorDeps, record: PurchaseRecord): Promise<number | null> {
  const use = await deps.remembered
    .useRemembered(record.teamId, record.userId, record.accountId, (credentials) =>
      deps.endicia.getAccountStatus(credentials),
    )
    .catch((error: unknown) => ({ kind: 'failed' as const, error }));
  if (use.kind === 'ok') return use.value.balanceMils;
  if (use.kind === 'failed') {
    deps.logger.warn('could not re-check an interrupted purchase', {
      requestId: record.requestId,
      error: use.error,
    });
  }
  return null;
}
