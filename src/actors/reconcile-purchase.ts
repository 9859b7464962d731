import { fromPromise } from 'xstate';
import { comparePurchase } from '../endicia/index.ts';
import type { AccountView, ReconcilePurchaseInput, ReconcilePurchaseOutput } from '../machine/index.ts';
import { toAccountStatus, toAccountView } from './account-view.ts';
import type { ActorDeps } from './deps.ts';
import { journalBaseline } from './reconcile-journal.ts';

/**
 * A lost purchase answer: let the balance say what happened, with the client's comparison (the one crash
 * recovery and the later re-checks use too). Never throws, never buys.
 */
export function reconcilePurchaseActor(deps: ActorDeps) {
  return fromPromise<ReconcilePurchaseOutput, ReconcilePurchaseInput>(async ({ input }) => {
    const record = await deps.purchases.get(input.requestId).catch(() => undefined);
    let result: ReconcilePurchaseOutput;
    try {
      // The re-read authenticates with the pass phrase: through the never-lock gate like any login.
      const after = await deps.remembered.useTyped(input.teamId, input.userId, input.credentials, () =>
        deps.endicia.getAccountStatus(input.credentials),
      );
      const seen = comparePurchase(
        baselineOf(input, record?.balanceBeforeMils),
        after,
        input.amountCents * 10,
      );
      const at = deps.now();
      const status: AccountView = toAccountView(after, at);
      deps.onBalanceRead?.({
        source: 'purchase',
        teamId: input.teamId,
        accountId: status.accountId,
        balanceMils: status.balanceMils,
        at,
      });
      result =
        seen.outcome === 'confirmed'
          ? { outcome: 'confirmed', status }
          : { outcome: 'unconfirmed', why: seen.why, status };
    } catch (error) {
      deps.logger.warn('reconciliation read failed', { requestId: input.requestId, error });
      result = { outcome: 'unconfirmed', why: 'unreadable', status: null };
    }
    // A definite answer already in the journal (Endicia confirmed or refused) outranks a balance reading.
    if (record?.state === 'confirmed' || record?.state === 'failed') return result;
    try {
      await deps.purchases.update(input.requestId, {
        state: result.outcome,
        balanceAfterMils: result.status?.balanceMils ?? null,
        message:
          result.outcome === 'confirmed'
            ? 'Endicia did not answer, but the balance shows the purchase went through.'
            : 'Endicia did not answer and the balance does not confirm the purchase.',
      });
    } catch (error) {
      deps.logger.error('could not record the reconciliation', { requestId: input.requestId, error });
    }
    return result;
  });
}

/**
 * The purchase journal holds the reading the purchase was actually made against (the buy actor re-reads a
 * stale login balance first); compare with that one. Otherwise the login's reading, control register and all.
 */
function baselineOf(input: ReconcilePurchaseInput, balance: number | null | undefined) {
  const login = toAccountStatus(input.before);
  if (balance === undefined || balance === null || balance === input.before.balanceMils) return login;
  return journalBaseline({ accountId: input.before.accountId, balanceBeforeMils: balance }, login);
}
