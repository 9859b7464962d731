import { type FieldName, WIZARD_STATES, type WizardState } from '../machine/index.ts';

/*
 * Every id Slack echoes back to us, in one place. Block ids must stay identical across re-renders of a
 * view: Slack keeps what a person typed on views.update only while block_id and action_id are unchanged.
 */

/** Prefix of every modal's callback_id; the bot registers one listener on `CALLBACK_ID_PATTERN`. */
export const CALLBACK_PREFIX = 'postage/';

/** Matches every callback_id below (`app.view(CALLBACK_ID_PATTERN, …)`). */
export const CALLBACK_ID_PATTERN = /^postage\//;

/** One callback_id per wizard state: `postage/<state>`. */
export const CALLBACK_IDS = {
  account: 'postage/account',
  verifying: 'postage/verifying',
  remembering: 'postage/remembering',
  details: 'postage/details',
  confirming: 'postage/confirming',
  purchasing: 'postage/purchasing',
  reconciling: 'postage/reconciling',
  done: 'postage/done',
  uncertain: 'postage/uncertain',
  changeForm: 'postage/changeForm',
  changing: 'postage/changing',
  changed: 'postage/changed',
  closed: 'postage/closed',
} as const satisfies { [S in WizardState]: `postage/${S}` };

/** Views that belong to no wizard state (a loading view before the machine runs, a generic failure). */
export const EXTRA_CALLBACK_IDS = {
  loading: 'postage/loading',
  failed: 'postage/failed',
} as const;

const STATES: ReadonlySet<string> = new Set(WIZARD_STATES);

/**
 * The wizard state a callback_id was rendered for, or null (not ours, or a loading/failed view). The bot
 * compares it with the restored snapshot's state to spot a stale submission.
 */
export function stateOfCallbackId(callbackId: string): WizardState | null {
  if (!callbackId.startsWith(CALLBACK_PREFIX)) return null;
  const state = callbackId.slice(CALLBACK_PREFIX.length);
  return STATES.has(state) ? (state as WizardState) : null;
}

/** Every block_id the bot renders. Input blocks double as the keys of `response_action: 'errors'`. */
export const BLOCK_IDS = {
  environment: 'environment',
  intro: 'intro',
  summary: 'summary',
  failure: 'failure',
  notice: 'notice',
  rules: 'rules',
  accountId: 'account_id',
  passPhrase: 'pass_phrase',
  /** A different id on purpose: Slack would otherwise keep the empty typed state over initial_value. */
  passPhraseShown: 'pass_phrase_shown',
  reveal: 'reveal',
  remember: 'remember',
  amount: 'amount',
  currentPassPhrase: 'current_pass_phrase',
  newPassPhrase: 'new_pass_phrase',
  confirmPassPhrase: 'confirm_pass_phrase',
  accountActions: 'account_actions',
  detailsActions: 'details_actions',
  confirmActions: 'confirm_actions',
  alertActions: 'alert_actions',
  /** Who is on it / who snoozed it, under a low-balance alert. */
  alertStatus: 'alert_status',
  /** The optional settings (runway warning, reload, escalation, digest) under `/postage alerts`. */
  alertOptions: 'alert_options',
  /** Endicia's refusal of the amount, right under Postage to Add (a views.update cannot set field errors). */
  amountError: 'amount_error',
  /** The label server's URL, in small print under the details. */
  server: 'server',
} as const;

/** A block_id from `BLOCK_IDS`. */
export type BlockId = (typeof BLOCK_IDS)[keyof typeof BLOCK_IDS];

/** Every action_id: inputs (read from `view.state.values`) and the buttons/checkboxes the bot listens to. */
export const ACTION_IDS = {
  accountId: 'account_id',
  /** Used in both pass phrase blocks (typed and revealed). */
  passPhrase: 'pass_phrase',
  remember: 'remember',
  /** "Make pass phrase visible": a checkbox in an actions block, so ticking it sends block_actions. */
  reveal: 'reveal',
  amount: 'amount',
  currentPassPhrase: 'current_pass_phrase',
  newPassPhrase: 'new_pass_phrase',
  confirmPassPhrase: 'confirm_pass_phrase',
  /** Change Pass Phrase button (account and details pages): pushes the change form. */
  openChange: 'open_change',
  /** Back button on the confirmation page (confirming → details). */
  back: 'back',
  /** "Use another account" on the details page (LOGOUT → account page). */
  logout: 'logout',
  /** "Buy postage" button on a low-balance alert; its value is the account number. */
  alertBuy: 'alert_buy',
  /** "I'm on it" on a low-balance alert: records and shows who. */
  alertAck: 'alert_ack',
  /** "Snooze 1 hour" / "Snooze 1 day" on a low-balance alert. */
  alertSnoozeHour: 'alert_snooze_hour',
  alertSnoozeDay: 'alert_snooze_day',
  /** "Edit" under `/postage alerts`: opens the alert settings modal. */
  alertSettingsEdit: 'alert_settings_edit',
} as const;

/** An action_id from `ACTION_IDS`. */
export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/** The `value` of the single option of each checkbox. */
export const OPTION_VALUES = {
  remember: 'remember',
  reveal: 'reveal',
} as const;

/**
 * The input block each form field lives in, for `response_action: 'errors'`. The pass phrase maps to
 * the typed block; use `BLOCK_IDS.passPhraseShown` when the revealed field is on screen.
 */
export const FIELD_BLOCK_IDS = {
  accountId: BLOCK_IDS.accountId,
  passPhrase: BLOCK_IDS.passPhrase,
  amount: BLOCK_IDS.amount,
  currentPassPhrase: BLOCK_IDS.currentPassPhrase,
  newPassPhrase: BLOCK_IDS.newPassPhrase,
  confirmPassPhrase: BLOCK_IDS.confirmPassPhrase,
} as const satisfies { [F in FieldName]: BlockId };
