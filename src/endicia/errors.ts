import { CodedError } from '../lib/coded-error.ts';
import { type CredentialField, type EndiciaErrorCategory, statusMeaning } from './status-codes.ts';
import type { EndiciaOperation } from './types.ts';

/**
 * Base of every error the Endicia client raises. It never holds the request body, the pass phrase or a
 * transport error as `cause` (got's errors carry the form body).
 */
export class EndiciaError extends CodedError {
  readonly op: EndiciaOperation;

  constructor(code: string, op: EndiciaOperation, message: string) {
    super(code, message);
    this.op = op;
  }
}

const CATEGORY_CODES = {
  authentication: 'ENDICIA_AUTHENTICATION',
  'account-state': 'ENDICIA_ACCOUNT_STATE',
  amount: 'ENDICIA_AMOUNT',
  'pass-phrase-reused': 'ENDICIA_PASS_PHRASE_REUSED',
  payment: 'ENDICIA_PAYMENT',
  service: 'ENDICIA_SERVICE',
  'invalid-request': 'ENDICIA_INVALID_REQUEST',
  other: 'ENDICIA_OTHER',
} as const satisfies Record<EndiciaErrorCategory, string>;

const LOG_ID = /\s*Error encountered\.?\s*\(Log ID:\s*(\d+)\)\.?/i;
const BRACKETED_NUMBER = /\s*\[\d+\]/g;

/**
 * Endicia answered with Status ≠ 0: a definite answer from a reachable server (for BuyPostage: nothing was
 * bought). `endiciaMessage` is Endicia's text without the "Error encountered (Log ID: N)" suffix.
 */
export class EndiciaApiError extends EndiciaError {
  readonly status: number;
  readonly category: EndiciaErrorCategory;
  readonly endiciaMessage: string;
  readonly logId: string | null;
  /** 12507 → 'passPhrase', 12101 → 'accountId'. */
  readonly field: CredentialField | null;
  /** 2011: the account has a temporary pass phrase that must be changed first. */
  readonly needsPassPhraseReset: boolean;

  constructor(op: EndiciaOperation, status: number, errorMessage: string) {
    const meaning = statusMeaning(status);
    const logId = LOG_ID.exec(errorMessage)?.[1] ?? null;
    const endiciaMessage = errorMessage.replace(LOG_ID, '').replace(BRACKETED_NUMBER, '').trim();
    super(
      CATEGORY_CODES[meaning.category],
      op,
      `${op}: Endicia status ${status}${endiciaMessage ? ` (${endiciaMessage})` : ''}`,
    );
    this.status = status;
    this.category = meaning.category;
    this.endiciaMessage = endiciaMessage;
    this.logId = logId;
    this.field = meaning.field;
    this.needsPassPhraseReset = meaning.needsPassPhraseReset;
  }
}

/**
 * Endicia refused the credentials themselves (a wrong pass phrase, an unknown, suspended or closed
 * account): the one test of "is this a refusal" that counts toward a suspension.
 */
export function isCredentialRefusal(error: unknown): error is EndiciaApiError {
  return (
    error instanceof EndiciaApiError &&
    (error.category === 'authentication' || error.category === 'account-state')
  );
}

/** Why no usable answer arrived. */
export type UnavailableReason = 'timeout' | 'network' | 'http-status' | 'html' | 'malformed';

/**
 * No usable answer: timeout, network failure (reset, refused, DNS, aborted), a non-200 status, an HTML page,
 * or XML that is truncated, unparsable, has the wrong root or a shape we reject.
 *
 * NOTE: for BuyPostage (and ChangePassPhrase) every one of these means "the answer is lost; the operation may
 * or may not have been applied" — `outcomeUnknown` is true. Never retry a purchase on this error: re-read the
 * account (`reconcilePurchase`) and report what the balance says.
 */
export class EndiciaUnavailableError extends EndiciaError {
  readonly reason: UnavailableReason;
  /** The HTTP status when an answer arrived ('http-status', 'html'), else null. */
  readonly httpStatus: number | null;
  /** The transport's error code string only (e.g. 'ETIMEDOUT', 'ECONNRESET', 'ERR_ABORTED'). */
  readonly errorCode: string | null;
  /** True when the call changes state (BuyPostage, ChangePassPhrase): it may have been applied. */
  readonly outcomeUnknown: boolean;

  constructor(
    op: EndiciaOperation,
    reason: UnavailableReason,
    details: { httpStatus?: number; errorCode?: string; detail?: string } = {},
  ) {
    const parts = [
      details.errorCode,
      details.httpStatus === undefined ? undefined : `HTTP ${details.httpStatus}`,
    ]
      .concat(details.detail)
      .filter((part) => part !== undefined);
    super(
      'ENDICIA_UNAVAILABLE',
      op,
      `${op}: Endicia unavailable (${reason})${parts.length ? `: ${parts.join(', ')}` : ''}`,
    );
    this.reason = reason;
    this.httpStatus = details.httpStatus ?? null;
    this.errorCode = details.errorCode ?? null;
    this.outcomeUnknown = op !== 'GetAccountStatus';
  }
}

/** A call was refused before sending because an argument has the wrong format (a caller bug). */
export class EndiciaArgumentError extends EndiciaError {
  constructor(op: EndiciaOperation, message: string) {
    super('ENDICIA_INVALID_ARGUMENT', op, `${op}: ${message}`);
  }
}
