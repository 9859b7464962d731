import { fromPromise } from 'xstate';
import type {
  BuyPostageInput,
  BuyPostageOutput,
  ChangePassPhraseInput,
  ReconcilePurchaseInput,
  ReconcilePurchaseOutput,
  SaveRememberPreferenceInput,
  VerifyAccountInput,
  VerifyAccountOutput,
  WizardActors,
} from './contracts.ts';
import { ActorNotProvidedError } from './errors.ts';

const missing = <TOutput, TInput>(name: keyof WizardActors) =>
  fromPromise<TOutput, TInput>(async () => {
    throw new ActorNotProvidedError(name);
  });

/**
 * The machine's actors as declared shapes that refuse to run: the host must `.provide()` real ones,
 * so the machine itself never touches Endicia or the store.
 */
export const placeholderActors: WizardActors = {
  verifyAccount: missing<VerifyAccountOutput, VerifyAccountInput>('verifyAccount'),
  saveRememberPreference: missing<void, SaveRememberPreferenceInput>('saveRememberPreference'),
  buyPostage: missing<BuyPostageOutput, BuyPostageInput>('buyPostage'),
  reconcilePurchase: missing<ReconcilePurchaseOutput, ReconcilePurchaseInput>('reconcilePurchase'),
  changePassPhrase: missing<void, ChangePassPhraseInput>('changePassPhrase'),
};
