import type { EndiciaApiError } from '../endicia/index.ts';
import { CodedError } from '../lib/coded-error.ts';

/**
 * A typed pass phrase was not sent: the account is on hold after refusals in a row. `until` null means
 * the next wrong phrase would suspend the account, so the bot sends none until one is accepted elsewhere.
 */
export class TypedAttemptsHeldError extends CodedError {
  declare readonly code: 'PASS_PHRASE_ATTEMPTS_HELD';
  readonly until: Date | null;
  readonly accountId: string;

  constructor(accountId: string, until: Date | null) {
    super('PASS_PHRASE_ATTEMPTS_HELD', 'typed pass phrases for this account are on hold');
    this.accountId = accountId;
    this.until = until;
  }
}

/** Endicia refused a typed pass phrase; the bot counted it (`triesLeft` before a suspension). */
export class CountedRefusalError extends CodedError {
  declare readonly code: 'PASS_PHRASE_REFUSAL_COUNTED';
  readonly refusal: EndiciaApiError;
  readonly refusals: number;
  readonly triesLeft: number;
  /** Set once typed attempts are held (the third refusal in a row and after). */
  readonly heldUntil: Date | null;
  readonly accountId: string;

  constructor(
    accountId: string,
    refusal: EndiciaApiError,
    counts: { refusals: number; triesLeft: number; heldUntil: Date | null },
  ) {
    super('PASS_PHRASE_REFUSAL_COUNTED', refusal.message);
    this.accountId = accountId;
    this.refusal = refusal;
    this.refusals = counts.refusals;
    this.triesLeft = counts.triesLeft;
    this.heldUntil = counts.heldUntil;
  }
}

/** Nothing was sent: the try could not be written first (full disk, read-only or failing store). */
export class AttemptNotRecordedError extends CodedError {
  declare readonly code: 'ATTEMPT_NOT_RECORDED';

  constructor(cause: unknown) {
    super('ATTEMPT_NOT_RECORDED', 'the try could not be recorded, so nothing was sent', { cause });
  }
}

/**
 * Nothing was sent: the person's remembered login is gone, is for another account, or may not be used
 * unattended (refused before, or its account's guard says stop).
 */
export class RememberedLoginUnusableError extends CodedError {
  declare readonly code: 'REMEMBERED_LOGIN_UNUSABLE';
  readonly why: 'not-remembered' | 'blocked';

  constructor(why: 'not-remembered' | 'blocked') {
    super('REMEMBERED_LOGIN_UNUSABLE', `the remembered login cannot be used (${why})`);
    this.why = why;
  }
}

/** True when the error means no pass phrase reached Endicia. */
export function nothingSent(error: unknown): boolean {
  return (
    error instanceof AttemptNotRecordedError ||
    error instanceof TypedAttemptsHeldError ||
    error instanceof RememberedLoginUnusableError
  );
}
