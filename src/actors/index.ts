import type { WizardActors } from '../machine/index.ts';
import { buyPostageActor } from './buy-postage.ts';
import { changePassPhraseActor } from './change-pass-phrase.ts';
import type { ActorDeps } from './deps.ts';
import { reconcilePurchaseActor } from './reconcile-purchase.ts';
import { saveRememberPreferenceActor } from './save-remember-preference.ts';
import { verifyAccountActor } from './verify-account.ts';

export { buyApproved } from './buy-approved.ts';
export { buyReload } from './buy-reload.ts';
export { checkBalance } from './check-balance.ts';
export { type ClaimWatch, type ClaimWatchOptions, createClaimWatch } from './claim-watch.ts';
export type { ActorDeps } from './deps.ts';
export { endiciaFailure } from './endicia-failure.ts';
export { type Rechecked, recheckPurchase } from './recheck-purchase.ts';
export {
  createRecheckSchedule,
  RECHECK_AFTER_MS,
  type RecheckNotifier,
  type RecheckSchedule,
} from './recheck-schedule.ts';
export { recoverPendingPurchases } from './recover-pending.ts';
export { runwayOf } from './runway.ts';
export { createSpendingGate, type SpendingGateDeps } from './spending-gate.ts';

/** The wizard's side effects, implemented with Endicia and the store, for `wizardMachine.provide({ actors })`. */
export function makeActors(deps: ActorDeps): WizardActors {
  return {
    verifyAccount: verifyAccountActor(deps),
    saveRememberPreference: saveRememberPreferenceActor(deps),
    buyPostage: buyPostageActor(deps),
    reconcilePurchase: reconcilePurchaseActor(deps),
    changePassPhrase: changePassPhraseActor(deps),
  };
}
