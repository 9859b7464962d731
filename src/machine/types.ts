import type { ConfirmedBy, PurchaseOutcome } from '../lib/purchase-outcome.ts';
import type { Failure } from './errors.ts';
import type { Runway } from './runway.ts';

/** An Endicia account number with its pass phrase: what every Endicia call authenticates with. */
export interface Credentials {
  accountId: string;
  passPhrase: string;
}

/**
 * The machine's own picture of an account (not Endicia's response type): what the details page shows
 * and what a purchase is checked against. Money in integer mils; `readAt` is an ISO timestamp.
 */
export interface AccountView {
  accountId: string;
  balanceMils: number;
  accountStatus: string;
  serialNumber: number;
  controlRegisterMils: number | null;
  readAt: string;
  /** How long the balance lasts at this week's rate, when the host could tell (a login's reading). */
  runway?: Runway | null | undefined;
}

/** One confirmed purchase, from Review (outcome null) to its result. */
export interface PurchaseView {
  /** Made by the bot at Review: the idempotency key of this confirmation, echoed to Endicia. */
  requestId: string;
  amountCents: number;
  /** The account as it was when the purchase was reviewed; reconciliation compares against it. */
  before: AccountView;
  transactionId: string | null;
  balanceAfterMils: number | null;
  message: string | null;
  /**
   * null until the purchase ends; then `confirmed` or `unconfirmed` (a refused purchase is dropped from the
   * context, so `failed` never stays here).
   */
  outcome: PurchaseOutcome | null;
  /** How a confirmed purchase is known (null otherwise, or when not known). */
  confirmedBy: ConfirmedBy | null;
}

/** Where the wizard was opened from: `/postage buy` (wizard) or `/postage passphrase`. */
export type WizardEntry = 'wizard' | 'passphrase';

/** What the bot knows when it opens a wizard. The pass phrase is never part of it. */
export interface WizardInput {
  sessionId: string;
  teamId: string;
  userId: string;
  channelId: string | null;
  entry: WizardEntry;
  maxPurchaseCents: number;
  serverUrl: string;
  /**
   * Prefill from remembered credentials (account number only). `revealable: false`: the remembered login
   * cannot be used now (refused, or its account blocked), so there is nothing to make visible.
   */
  remembered: { accountId: string; revealable?: boolean } | null;
  /** `/postage buy 25` prefill for Postage to Add, unparsed. */
  amountDraft: string | null;
  /**
   * Account Number prefill that is not a remembered login (the account named on a low-balance alert).
   * Optional so snapshots persisted before it existed still restore.
   */
  accountDraft?: string | null;
}

/** The machine's context: plain JSON, persisted (encrypted) with the snapshot between turns. */
export interface WizardContext extends WizardInput {
  accountId: string | null;
  /** Set by a successful login; needed to buy. */
  credentials: Credentials | null;
  /**
   * The new pass phrase for `credentials`' account, held only while 'changing' runs (never persisted:
   * busy snapshots are not stored) so a successful change can update `credentials`.
   */
  pendingPassPhrase: string | null;
  remember: boolean;
  reveal: boolean;
  status: AccountView | null;
  amountCents: number | null;
  purchase: PurchaseView | null;
  /** Endicia's response message for the details and done pages. */
  responseMessage: string | null;
  failure: Failure | null;
  notice: string | null;
  /**
   * The smallest amount Endicia refused as over this account's purchase limit, so the page never promises
   * more. Optional so snapshots persisted before it existed still restore.
   */
  refusedOverLimitCents?: number | null;
}

/** Everything the bot may send. Busy states ignore all of them except CANCEL while verifying. */
export type WizardEvent =
  | { type: 'LOGIN'; accountId: string; passPhrase: string | null; remember: boolean; reveal: boolean }
  | { type: 'REVIEW'; amountCents: number; requestId: string }
  /** `viewId`: the host's id of where the person watches the purchase (kept in the journal). */
  | { type: 'CONFIRM'; viewId?: string }
  | { type: 'BACK' }
  | { type: 'FINISH' }
  | { type: 'CANCEL' }
  /** `accountId`: what the account page's Account Number held when the button was clicked (unsubmitted). */
  | { type: 'OPEN_CHANGE'; accountId?: string }
  | { type: 'CHANGE'; accountId: string; currentPassPhrase: string; newPassPhrase: string }
  | { type: 'LOGOUT' };

/** Every top-level state; the bot keys its views on these. */
export const WIZARD_STATES = [
  'account',
  'verifying',
  'remembering',
  'details',
  'confirming',
  'purchasing',
  'reconciling',
  'done',
  'uncertain',
  'changeForm',
  'changing',
  'changed',
  'closed',
] as const;

/** A top-level state of the wizard (flat: `snapshot.value` is always one of these once started). */
export type WizardState = (typeof WIZARD_STATES)[number];

/** States that run an Endicia or store call; never persisted, and they ignore user events. */
export const BUSY_STATES = [
  'verifying',
  'remembering',
  'purchasing',
  'reconciling',
  'changing',
] as const satisfies readonly WizardState[];
