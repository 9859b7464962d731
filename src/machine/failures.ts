import { formatUsd } from '../lib/money.ts';
import type { FieldName } from './field-name.ts';
import { notices } from './messages.ts';

/** What went wrong, in terms the wizard can act on (which page, which field). */
export type FailureKind =
  | 'authentication'
  | 'account-state'
  | 'amount'
  | 'pass-phrase-reused'
  | 'payment'
  | 'service'
  | 'unavailable'
  | 'invalid'
  | 'internal';

/**
 * A failure as plain JSON (it lives in the persisted context). `message` is a sentence safe to show
 * the user; it never holds a pass phrase, a request body or an internal error's text.
 */
export interface Failure {
  kind: FailureKind;
  /** Stable: Endicia's status code (`'12507'`) or one of ours (`'PURCHASE_ANSWER_LOST'`). */
  code: string;
  message: string;
  field: FieldName | null;
}

/** One row of the table: `code` only where the stable code is Endicia's status rather than the row's name. */
interface Said {
  kind: FailureKind;
  field: FieldName | null;
  message: string;
  code?: string;
}

/** Endicia's status code and its own sentence (kept where it says something useful; never a pass phrase). */
interface Refusal {
  status: string;
  said: string | null;
}

/** "at 14:35 UTC": a time people read (views are plain text, so no Slack date formatting). */
export function utcTime(at: Date): string {
  return `at ${at.toISOString().slice(11, 16)} UTC`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const quoted = (said: string | null) => (said ? ` Endicia says: “${said}”` : '');
const WRONG_PASS_PHRASE = 'Endicia says this pass phrase is incorrect (it is case- and space-sensitive).';

/** After a lost purchase answer that the balance could not confirm. */
function unconfirmed(balanceMils: number | null): string {
  return balanceMils === null
    ? 'The purchase could not be confirmed and the balance could not be read. Check the balance before buying again.'
    : `The purchase could not be confirmed. The balance is now ${formatUsd(balanceMils)}; check it before buying again.`;
}

/*
 * Every failure a person can be shown, by code, with its sentence. `failure()` below is the only way
 * to make one (test/machine/failures.test.ts scans src/ for any other), so a wording lives in one place.
 */
const SENTENCES = {
  /** A bug, not Endicia: a purchase says nothing was bought (it surely was not), a login must not. */
  INTERNAL: (p: { purchase: boolean }): Said => ({
    kind: 'internal',
    field: null,
    message: p.purchase
      ? 'Something went wrong on our side. Nothing was bought; try again.'
      : 'Something went wrong on our side. Please try again.',
  }),
  INVALID_INPUT: (p: { message: string; field: FieldName | null }): Said => ({ kind: 'invalid', ...p }),
  PASS_PHRASE_REQUIRED: (p: { blocked: boolean }): Said => ({
    kind: 'authentication',
    field: 'passPhrase',
    message: p.blocked
      ? 'The bot stopped using the remembered pass phrase for this account after Endicia refused one. Type the current pass phrase.'
      : 'Enter the pass phrase (none is remembered for this account number).',
  }),
  REMEMBER_FAILED: (p: { remember: boolean }): Said => ({
    kind: 'internal',
    field: null,
    // The sentence the wizard shows for it (the machine's notice), not a second wording of it.
    message: p.remember ? notices.rememberFailed : notices.forgetFailed,
  }),
  /** Over a daily or monthly limit (at the amount), or not among the buyers (plain): nothing was sent. */
  SPENDING_REFUSED: (p: { message: string; atAmount: boolean }): Said => ({
    kind: 'amount',
    field: p.atAmount ? 'amount' : null,
    message: p.message,
  }),
  JOURNAL_UNAVAILABLE: (): Said => ({
    kind: 'internal',
    field: null,
    message: 'Nothing was bought: our purchase journal is unavailable. Try again in a moment.',
  }),
  PURCHASE_ALREADY_REFUSED: (p: { said: string | null }): Said => ({
    kind: 'service',
    field: null,
    message: `Endicia already refused this purchase${p.said ? `: “${p.said}”` : '.'}`,
  }),
  /**
   * Never shown: the machine re-reads the balance on it (the working view says so). Should it ever reach
   * a person, it says what PURCHASE_UNCONFIRMED says when the balance is unknown, not a second wording.
   */
  PURCHASE_ANSWER_LOST: (): Said => ({ kind: 'unavailable', field: null, message: unconfirmed(null) }),
  PURCHASE_UNCONFIRMED: (p: { balanceMils: number | null }): Said => ({
    kind: 'unavailable',
    field: null,
    message: unconfirmed(p.balanceMils),
  }),
  ENDICIA_UNAVAILABLE: (p: { malformed: boolean }): Said => ({
    kind: 'unavailable',
    field: null,
    // An answer arrived but makes no sense (a balance no account holds, another account's answer).
    message: p.malformed
      ? "Endicia's answer could not be read, so nothing is shown from it. Try again in a moment."
      : 'Endicia is unavailable right now. Try again in a moment.',
  }),
  /** ChangePassPhrase unanswered: it may have been applied, and guessing wrong either way costs a failed login. */
  PASS_PHRASE_CHANGE_UNANSWERED: (): Said => ({
    kind: 'unavailable',
    code: 'ENDICIA_UNAVAILABLE',
    field: null,
    message:
      'Endicia did not answer, so the pass phrase may or may not have changed. Log in with the new one first; if that fails, the old one still works.',
  }),
  REMEMBERED_LOGIN_UNUSABLE: (): Said => ({
    kind: 'authentication',
    field: null,
    message:
      'The remembered login cannot be used (forgotten, for another account, or refused before). Nothing was bought; log in again with the wizard.',
  }),
  ATTEMPT_NOT_RECORDED: (): Said => ({
    kind: 'service',
    field: null,
    message: 'Could not save — nothing was changed, try again.',
  }),
  PASS_PHRASE_ATTEMPTS_HELD: (p: { accountId: string; until: Date | null; refused: number }): Said => ({
    kind: 'authentication',
    field: 'passPhrase',
    message:
      p.until === null
        ? `Endicia refused ${p.refused} pass phrases in a row for account ${p.accountId}; one more wrong one suspends it, so the bot will not send another. Find out the current pass phrase from whoever changed it, or call Endicia support and quote account ${p.accountId}.`
        : `Endicia refused ${p.refused} pass phrases in a row for account ${p.accountId}, and five suspend it. Typing may resume ${utcTime(p.until)}; check the current pass phrase meanwhile.`,
  }),
  PASS_PHRASE_TEMPORARY: (): Said => ({
    kind: 'account-state',
    field: null,
    message:
      'Endicia says this pass phrase is temporary: change it (Change Pass Phrase) before buying postage.',
  }),
  ENDICIA_UNKNOWN_ACCOUNT: (p: Refusal): Said => ({
    kind: 'authentication',
    code: p.status,
    field: 'accountId',
    message: 'Endicia does not know this account number.',
  }),
  ENDICIA_WRONG_PASS_PHRASE: (p: Refusal): Said => ({
    kind: 'authentication',
    code: p.status,
    field: 'passPhrase',
    message: `${WRONG_PASS_PHRASE} Five wrong tries in a row suspend the account.`,
  }),
  /** From the second refusal in a row on: how many tries remain before Endicia suspends the account. */
  ENDICIA_WRONG_PASS_PHRASE_COUNTED: (
    p: Refusal & { accountId: string; refusals: number; triesLeft: number; heldUntil: Date | null },
  ): Said => {
    const road = `That is ${plural(p.refusals, 'refusal', 'refusals')} in a row: ${plural(p.triesLeft, 'more wrong try', 'more wrong tries')} and Endicia suspends account ${p.accountId}.`;
    const hold =
      p.heldUntil !== null
        ? ` To keep that from happening, the bot holds typed pass phrases for this account until ${utcTime(p.heldUntil).slice(3)}.`
        : p.triesLeft <= 1
          ? ' The bot will not send another pass phrase for this account.'
          : '';
    return {
      kind: 'authentication',
      code: p.status,
      field: 'passPhrase',
      message: `${WRONG_PASS_PHRASE} ${road}${hold}`,
    };
  },
  /** 2012 AccountSuspendedBadLogins: Endicia's own text says "contact" again, so it is not quoted. */
  ENDICIA_SUSPENDED_BAD_LOGINS: (p: Refusal & { accountId: string | null }): Said => ({
    kind: 'account-state',
    code: p.status,
    field: null,
    message: `Endicia suspended ${p.accountId === null ? 'this account' : `account ${p.accountId}`} after five wrong pass phrases in a row. Only Endicia can lift that: call Endicia support and quote ${p.accountId === null ? 'your account number' : `account ${p.accountId}`}.`,
  }),
  ENDICIA_ACCOUNT_STATE: (p: Refusal): Said => ({
    kind: 'account-state',
    code: p.status,
    field: null,
    message: `This Endicia account cannot be used right now.${quoted(p.said)} Contact Endicia support.`,
  }),
  ENDICIA_AMOUNT: (p: Refusal): Said => ({
    kind: 'amount',
    code: p.status,
    field: 'amount',
    message: `Endicia refused the amount.${quoted(p.said)}`,
  }),
  ENDICIA_PASS_PHRASE_REUSED: (p: Refusal): Said => ({
    kind: 'pass-phrase-reused',
    code: p.status,
    field: 'newPassPhrase',
    message: 'Endicia refuses a pass phrase used in the last four changes. Choose a different one.',
  }),
  ENDICIA_PAYMENT: (p: Refusal): Said => ({
    kind: 'payment',
    code: p.status,
    field: null,
    message: `Endicia could not charge the account's payment method; nothing was bought.${quoted(p.said)}`,
  }),
  ENDICIA_NEW_PASS_PHRASE_INVALID: (p: Refusal): Said => ({
    kind: 'invalid',
    code: p.status,
    field: 'newPassPhrase',
    message: 'Endicia refused the new pass phrase: it must be 5 to 64 characters.',
  }),
  ENDICIA_INVALID_REQUEST: (p: Refusal): Said => ({
    kind: 'invalid',
    code: p.status,
    field: null,
    message: `Endicia refused the request.${quoted(p.said)}`,
  }),
  ENDICIA_SERVICE: (p: Refusal): Said => ({
    kind: 'service',
    code: p.status,
    field: null,
    message: `Endicia could not do that right now; nothing was changed.${quoted(p.said)} Try again in a moment.`,
  }),
} as const;

/** Every code a user-facing failure is made from. */
export type FailureCode = keyof typeof SENTENCES;
export const FAILURE_CODES = Object.keys(SENTENCES) as FailureCode[];

/** The typed parameters a code's sentence needs (none for most). */
export type FailureParams<C extends FailureCode> = Parameters<(typeof SENTENCES)[C]>;

/** The one constructor of a user-facing failure: the code's kind, field and sentence from the table. */
export function failure<C extends FailureCode>(code: C, ...params: FailureParams<C>): Failure {
  const say = SENTENCES[code] as (p?: unknown) => Said;
  const said = say(params[0]);
  return { kind: said.kind, code: said.code ?? code, message: said.message, field: said.field };
}

/** The same failure shown at another field (a form names the phrase differently). */
export function atField(shown: Failure, field: FieldName | null): Failure {
  return { ...shown, field };
}
