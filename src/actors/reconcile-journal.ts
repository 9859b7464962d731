import { type AccountStatus, comparePurchase, type ReconcileOutcome } from '../endicia/index.ts';
import type { PurchaseRecord } from '../store/index.ts';
import type { ActorDeps } from './deps.ts';

/**
 * The reading a purchase was made against, as the journal keeps it: the balance only (no control
 * register), so the comparison falls back to balances. `like` fills the fields the comparison ignores.
 */
export function journalBaseline(
  record: Pick<PurchaseRecord, 'accountId'> & { balanceBeforeMils: number },
  like: AccountStatus,
): AccountStatus {
  return {
    ...like,
    accountId: record.accountId,
    balanceMils: record.balanceBeforeMils,
    controlRegisterMils: null,
  };
}

/**
 * Reconciles a journal entry whose answer is missing (crash recovery, the later re-checks): reads the
 * account with the buyer's remembered login for it, through the never-lock module, and decides with the
 * client's comparison (`comparePurchase`) against the balance it was claimed with — the same comparison
 * the wizard's lost answer uses. Only reads: never buys, never writes the journal.
 *
 * Nothing is read when nothing could be decided: a later purchase on the account (bought after this one
 * waited its turn: "before + amount" could be that one), or no balance from before in the journal.
 */
export async function reconcileFromJournal(
  deps: ActorDeps,
  record: PurchaseRecord,
): Promise<ReconcileOutcome> {
  const [newest] = await deps.purchases.listByAccount(record.teamId, record.accountId, 1);
  if (newest !== undefined && newest.requestId !== record.requestId) {
    return {
      outcome: 'unconfirmed',
      why: 'not-comparable',
      status: null,
      reason: 'a later purchase on the account',
    };
  }
  const { balanceBeforeMils } = record;
  if (balanceBeforeMils === null) {
    return { outcome: 'unconfirmed', why: 'not-comparable', status: null, reason: 'no balance from before' };
  }
  const use = await deps.remembered
    .useRemembered(record.teamId, record.userId, record.accountId, (credentials) =>
      deps.endicia.getAccountStatus(credentials),
    )
    .catch((error: unknown) => ({ kind: 'failed' as const, error }));
  if (use.kind === 'not-remembered' || use.kind === 'blocked') {
    return { outcome: 'unconfirmed', why: 'no-login', status: null };
  }
  if (use.kind === 'failed') {
    deps.logger.warn('could not re-read the account of an unconfirmed purchase', {
      requestId: record.requestId,
      error: use.error,
    });
    return { outcome: 'unconfirmed', why: 'unreadable', status: null };
  }
  const after = use.value;
  return comparePurchase(journalBaseline({ ...record, balanceBeforeMils }, after), after, record.amountMils);
}
