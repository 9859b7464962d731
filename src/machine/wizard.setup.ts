import { assign, setup } from 'xstate';
import { checkChange, checkLogin, checkReview } from './checks.ts';
import type { BuyPostageOutput, ReconcilePurchaseOutput, VerifyAccountOutput } from './contracts.ts';
import { isLostPurchaseAnswer, isTemporaryPassPhrase, toFailure } from './errors.ts';
import { placeholderActors } from './placeholders.ts';
import type { WizardContext, WizardEvent, WizardInput } from './types.ts';
import * as update from './updates.ts';

type EventOf<T extends WizardEvent['type']> = Extract<WizardEvent, { type: T }>;
type Thrown = { error: unknown };

/**
 * The wizard's vocabulary: its types, the placeholder actors, and every named guard and action. Guards
 * and actions take what they need as params, so each stays a typed one-liner over checks.ts/updates.ts.
 */
export const wizardSetup = setup({
  types: {
    context: {} as WizardContext,
    events: {} as WizardEvent,
    input: {} as WizardInput,
    tags: {} as 'busy',
  },
  actors: placeholderActors,
  guards: {
    opensPassPhraseForm: ({ context }) => context.entry === 'passphrase',
    loggedIn: ({ context }) => context.credentials !== null,
    hasPendingLogin: ({ context }) => context.pendingPassPhrase !== null && context.accountId !== null,
    loginIsValid: ({ context }, event: EventOf<'LOGIN'>) => checkLogin(context, event) === null,
    reviewIsValid: ({ context }, event: EventOf<'REVIEW'>) => checkReview(context, event) === null,
    changeIsValid: (_, event: EventOf<'CHANGE'>) => checkChange(event) === null,
    answerWasLost: (_, thrown: Thrown) => isLostPurchaseAnswer(toFailure(thrown.error)),
    credentialsRefused: (_, thrown: Thrown) => {
      const failure = toFailure(thrown.error);
      // A temporary pass phrase is a right one: stay on the details page and offer Change Pass Phrase.
      if (isTemporaryPassPhrase(failure)) return false;
      return failure.kind === 'authentication' || failure.kind === 'account-state';
    },
    balanceConfirms: (_, output: ReconcilePurchaseOutput) => output.outcome === 'confirmed',
  },
  actions: {
    clearMessages: assign({ failure: null, notice: null }),
    startLogin: assign((_, event: EventOf<'LOGIN'>) => update.loginStarted(event)),
    rejectLogin: assign(({ context }, event: EventOf<'LOGIN'>) => ({ failure: checkLogin(context, event) })),
    applyLogin: assign((_, output: VerifyAccountOutput) => update.loggedIn(output)),
    failLogin: assign((_, thrown: Thrown) => update.loginFailed(toFailure(thrown.error))),
    applyRemember: assign(({ context }) => update.rememberSaved(context)),
    failRemember: assign(({ context }) => update.rememberFailed(context)),
    review: assign(({ context }, event: EventOf<'REVIEW'>) => update.reviewed(context, event)),
    rejectReview: assign(({ context }, event: EventOf<'REVIEW'>) => ({
      failure: checkReview(context, event),
    })),
    dropPurchase: assign({ purchase: null }),
    applyPurchase: assign(({ context }, output: BuyPostageOutput) => update.purchased(context, output)),
    refusePurchase: assign(({ context }, thrown: Thrown) =>
      update.purchaseRefused(context, toFailure(thrown.error)),
    ),
    applyReconcile: assign(({ context }, output: ReconcilePurchaseOutput) =>
      update.reconciled(context, output),
    ),
    failReconcile: assign(({ context }) => update.unconfirmed(context, null)),
    startChange: assign(({ context }, event: EventOf<'CHANGE'>) => update.changeStarted(context, event)),
    rejectChange: assign((_, event: EventOf<'CHANGE'>) => ({ failure: checkChange(event) })),
    applyChange: assign(({ context }) => update.changed(context)),
    applyChangeBeforeLogin: assign(({ context }) => update.changedBeforeLogin(context)),
    failChange: assign((_, thrown: Thrown) => update.changeFailed(toFailure(thrown.error))),
    logout: assign(() => update.loggedOut()),
    takeTypedAccount: assign((_, event: EventOf<'OPEN_CHANGE'>) => update.typedAccount(event.accountId)),
  },
});
