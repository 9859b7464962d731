import { comparePurchase } from '../endicia/index.ts';
import type { PurchaseRecord, RecheckOutcome } from '../store/index.ts';
import type { ActorDeps } from './deps.ts';

export type { RecheckOutcome };

export interface Rechecked {
  outcome: RecheckOutcome;
  record: PurchaseRecord;
}

/**
 * One later look at an unconfirmed purchase. `confirmed`: the balance moved by exactly its amount since
 * the reading it was bought against; `undecided`: it did not (yet), or could not be read, or a later
 * purchase on the account makes the balance ambiguous; `no-login`: the buyer has no usable remembered
 * login for the account (none, or blocked by a refusal), so nothing was sent.
 *
 * Reads the account through the never-lock module with the buyer's remembered login and decides with the
 * same comparison as the immediate reconciliation. Only reads: never buys. Writes `confirmed` to the
 * journal when the balance shows it (so `/postage history` tells the truth); otherwise leaves the record.
 */
export async function recheckPurchase(deps: ActorDeps, record: PurchaseRecord): Promise<Rechecked> {
  const [newest] = await deps.purchases.listByAccount(record.teamId, record.accountId, 1);
  // A later purchase on the account: "before + amount" could be that one. Never confirm from that.
  if (record.balanceBeforeMils === null || (newest !== undefined && newest.requestId !== record.requestId)) {
    return { outcome: 'undecided', record };
  }
  const use = await deps.remembered
    .useRemembered(record.teamId, record.userId, record.accountId, (credentials) =>
      deps.endicia.getAccountStatus(credentials),
    )
    .catch((error: unknown) => ({ kind: 'failed' as const, error }));
  if (use.kind === 'not-remembered' || use.kind === 'blocked') return { outcome: 'no-login', record };
  if (use.kind === 'failed') {
    deps.logger.warn('a later re-check of an unconfirmed purchase failed', {
      requestId: record.requestId,
      error: use.error,
    });
    return { outcome: 'undecided', record };
  }
  const after = use.value;
  // The journal keeps no control register: compare balances, as the reconciliation does then.
  const before = { ...after, balanceMils: record.balanceBeforeMils, controlRegisterMils: null };
  const seen = comparePurchase(before, after, record.amountMils);
  deps.onBalanceRead?.({
    source: 'recheck',
    teamId: record.teamId,
    accountId: after.accountId,
    balanceMils: after.balanceMils,
    at: deps.now(),
  });
  if (seen.outcome !== 'confirmed') return { outcome: 'undecided', record };
  const current = await deps.purchases.get(record.requestId);
  // Someone (or something) already wrote a definite outcome: that one stands.
  if (current?.state !== 'unconfirmed') return { outcome: 'undecided', record: current ?? record };
  const updated = await deps.purchases.update(record.requestId, {
    state: 'confirmed',
    balanceAfterMils: after.balanceMils,
    message: "Endicia's answer was lost; a later check of the balance shows the purchase went through.",
  });
  return { outcome: 'confirmed', record: updated };
}
