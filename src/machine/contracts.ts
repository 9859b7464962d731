import type { PromiseActorLogic } from 'xstate';
import type { Reconciliation } from '../lib/purchase-outcome.ts';
import type { Failure } from './errors.ts';
import type { Runway } from './runway.ts';
import type { AccountView, Credentials } from './types.ts';

/**
 * The side effects the wizard needs, as promise-actor contracts. The host implements them (Endicia and
 * the store) and hands them to `wizardMachine.provide({ actors })`; tests hand in fakes. Every actor
 * rejects with a `FlowError`; anything else is reported to the user as an internal failure.
 */

/** GetAccountStatus as a login check. */
export interface VerifyAccountInput {
  teamId: string;
  userId: string;
  accountId: string;
  /** null: use the remembered pass phrase; none remembered → reject authentication on field passPhrase. */
  passPhrase: string | null;
}
export interface VerifyAccountOutput {
  credentials: Credentials;
  status: AccountView;
}

/** After a login: remember true stores the credentials, false forgets whatever was remembered. */
export interface SaveRememberPreferenceInput {
  teamId: string;
  userId: string;
  credentials: Credentials;
  remember: boolean;
  status: AccountView;
}

/** BuyPostage. Never retried; a lost answer rejects with `lostPurchaseAnswer()`. */
export interface BuyPostageInput {
  sessionId: string;
  teamId: string;
  userId: string;
  channelId: string | null;
  credentials: Credentials;
  amountCents: number;
  requestId: string;
  before: AccountView;
  /** The host's id of the view showing the purchase (CONFIRM's), or null. */
  viewId: string | null;
  /**
   * Automatic reload: nobody typed anything; the buyer's remembered login is sent under the unattended
   * rules (one refusal stops it) and `credentials.passPhrase` is ignored (empty). Absent = typed.
   */
  unattended?: boolean;
}
export interface BuyPostageOutput {
  transactionId: string | null;
  balanceAfterMils: number;
  message: string | null;
  status: AccountView;
}

/** After a lost purchase answer: re-read the account and compare with `before`. */
export interface ReconcilePurchaseInput {
  teamId: string;
  userId: string;
  credentials: Credentials;
  requestId: string;
  amountCents: number;
  before: AccountView;
}
/**
 * `confirmed`: the account moved by exactly the amount; otherwise `unconfirmed`, with why. `status` is the
 * account as re-read (null when it could not be read).
 */
export type ReconcilePurchaseOutput = Reconciliation<AccountView>;

/** ChangePassPhrase. The host also updates remembered credentials for that account. */
export interface ChangePassPhraseInput {
  teamId: string;
  userId: string;
  accountId: string;
  currentPassPhrase: string;
  newPassPhrase: string;
}

/** The actor logic map `.provide({ actors })` expects (a type alias: xstate needs an index-compatible record). */
export type WizardActors = {
  verifyAccount: PromiseActorLogic<VerifyAccountOutput, VerifyAccountInput>;
  saveRememberPreference: PromiseActorLogic<void, SaveRememberPreferenceInput>;
  buyPostage: PromiseActorLogic<BuyPostageOutput, BuyPostageInput>;
  reconcilePurchase: PromiseActorLogic<ReconcilePurchaseOutput, ReconcilePurchaseInput>;
  changePassPhrase: PromiseActorLogic<void, ChangePassPhraseInput>;
};

/**
 * A balance somebody just read (a wizard login or purchase, `/postage balance`): the actors report it,
 * the alert monitor counts it as a check (no extra Endicia call). Money in integer mils.
 */
export interface BalanceReading {
  teamId: string;
  accountId: string;
  balanceMils: number;
  at: Date;
  /** What read it: kept with every reading, so a forecast can tell a purchase's recredit from spending. */
  source: 'login' | 'purchase' | 'command' | 'recheck' | 'recovery';
}

/**
 * What `/postage balance` can say. Not a wizard actor, but the same kind of contract: the actors layer
 * implements it, the bot words it, and a failure is the wizard's `Failure`.
 */
export type BalanceCheck =
  | { kind: 'ok'; accountId: string; balanceMils: number; accountStatus: string; runway: Runway | null }
  | { kind: 'not-remembered' }
  /** A pass phrase for this account was refused before: not tried again (five refusals suspend the account). */
  | { kind: 'blocked'; accountId: string }
  | { kind: 'failed'; accountId: string; failure: Failure }
  /** The store could not be read (the bot's side; nothing was sent). */
  | { kind: 'store-failed' };
