import { createActor, toPromise } from 'xstate';
import {
  type AccountView,
  type ApprovedPurchaseInput,
  type ApprovedPurchaseOutcome,
  isLostPurchaseAnswer,
  toFailure,
} from '../machine/index.ts';
import { buyPostageActor } from './buy-postage.ts';
import type { ActorDeps } from './deps.ts';

/**
 * An approved request's purchase: the wizard's BuyPostage actor (limits checked, journal claimed under
 * the request's id, never retried), run once. Its baseline is a fresh reading (the request's own is
 * hours old): an `AccountView` read at the epoch makes the actor read the account first.
 */
export async function buyApproved(
  deps: ActorDeps,
  input: ApprovedPurchaseInput,
): Promise<ApprovedPurchaseOutcome> {
  const stale: AccountView = {
    accountId: input.accountId,
    balanceMils: 0,
    accountStatus: '',
    serialNumber: 0,
    controlRegisterMils: null,
    readAt: new Date(0).toISOString(),
  };
  const actor = createActor(buyPostageActor(deps), {
    input: {
      sessionId: `approval:${input.requestId}`,
      teamId: input.teamId,
      userId: input.userId,
      channelId: input.channelId,
      credentials: { accountId: input.accountId, passPhrase: input.passPhrase },
      amountCents: input.amountCents,
      requestId: input.requestId,
      before: stale,
      viewId: null,
    },
  });
  try {
    const output = await toPromise(actor.start());
    return {
      kind: 'bought',
      transactionId: output.transactionId,
      balanceAfterMils: output.balanceAfterMils,
      message: output.message,
    };
  } catch (error) {
    const failure = toFailure(error);
    return isLostPurchaseAnswer(failure) ? { kind: 'unconfirmed' } : { kind: 'refused', failure };
  }
}
