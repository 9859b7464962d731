import { createActor, toPromise } from 'xstate';
import {
  type AccountView,
  isLostPurchaseAnswer,
  type ReloadInput,
  type ReloadOutcome,
  toFailure,
} from '../machine/index.ts';
import type { PurchaseStore } from '../store/index.ts';
import { buyPostageActor } from './buy-postage.ts';
import type { ActorDeps } from './deps.ts';

/**
 * An automatic reload: the wizard's BuyPostage actor (limits checked under the spend lease, journal
 * claimed under the reload's own request id, never retried), run once with the owner's remembered login
 * sent unattended through the never-lock module. The sweep's reading is its baseline (read moments ago).
 *
 * Which run claimed the id is seen through the journal port itself: a run that found the id claimed
 * already (another instance, an earlier life) answers `taken` and says nothing, so receipts, notices and
 * "turned off" are told once, by the run that bought.
 */
export async function buyReload(deps: ActorDeps, input: ReloadInput): Promise<ReloadOutcome> {
  let claimed: boolean | null = null;
  const purchases: PurchaseStore = {
    ...deps.purchases,
    begin: async (record) => {
      const claim = await deps.purchases.begin(record);
      claimed = claim.claimed;
      return claim;
    },
  };
  const before: AccountView = {
    accountId: input.accountId,
    balanceMils: input.balanceMils,
    accountStatus: '',
    serialNumber: 0,
    controlRegisterMils: null,
    readAt: input.readAt,
  };
  const actor = createActor(buyPostageActor({ ...deps, purchases }), {
    input: {
      sessionId: `reload:${input.requestId}`,
      teamId: input.teamId,
      userId: input.userId,
      channelId: input.channelId,
      // The pass phrase is read inside the never-lock module, never carried in the input.
      credentials: { accountId: input.accountId, passPhrase: '' },
      amountCents: input.amountCents,
      requestId: input.requestId,
      before,
      viewId: null,
      unattended: true,
    },
  });
  try {
    const output = await toPromise(actor.start());
    if (claimed !== true) return { kind: 'taken' };
    return { kind: 'bought', transactionId: output.transactionId, balanceAfterMils: output.balanceAfterMils };
  } catch (error) {
    if (claimed === false) return { kind: 'taken' };
    const failure = toFailure(error);
    if (isLostPurchaseAnswer(failure)) return { kind: 'unconfirmed' };
    return { kind: 'refused', failure, spending: failure.code === 'SPENDING_REFUSED' };
  }
}
