import { EndiciaApiError, EndiciaUnavailableError } from '../endicia/index.ts';
import { type Failure, FlowError, failure, toFailure } from '../machine/index.ts';
import {
  AttemptNotRecordedError,
  CountedRefusalError,
  HOLD_AFTER,
  RememberedLoginUnusableError,
  TypedAttemptsHeldError,
} from '../never-lock/index.ts';

/**
 * The anti-corruption layer for errors: Endicia's typed errors become the wizard's Failures, with
 * sentences a shipping clerk can act on (all in machine/failures.ts). Endicia's own message is kept where
 * it says something useful (limits, card problems); it never contains a pass phrase.
 */
export function endiciaFailure(error: unknown, accountId: string | null = null): Failure {
  if (error instanceof EndiciaUnavailableError) {
    return failure('ENDICIA_UNAVAILABLE', { malformed: error.reason === 'malformed' });
  }
  if (error instanceof EndiciaApiError) return apiFailure(error, accountId);
  if (error instanceof CountedRefusalError) return countedFailure(error);
  if (error instanceof TypedAttemptsHeldError) {
    const refused = error.until === null ? HOLD_AFTER + 1 : HOLD_AFTER;
    return failure('PASS_PHRASE_ATTEMPTS_HELD', { accountId: error.accountId, until: error.until, refused });
  }
  if (error instanceof AttemptNotRecordedError) return failure('ATTEMPT_NOT_RECORDED');
  if (error instanceof RememberedLoginUnusableError) return failure('REMEMBERED_LOGIN_UNUSABLE');
  // Anything else is the machine's one internal failure: a login or a pass-phrase change must not be
  // told "nothing was bought" (buyPostage says it itself where it is true).
  return toFailure(error);
}

// 2012 AccountSuspendedBadLogins: Endicia's own text says "contact" again, so it is not quoted.
const SUSPENDED_BAD_LOGINS = 2012;

/** A counted refusal: from the second in a row on, how many tries remain before Endicia suspends it. */
function countedFailure(error: CountedRefusalError): Failure {
  const plain = apiFailure(error.refusal, error.accountId);
  if (plain.field !== 'passPhrase' || error.refusals < 2) return plain;
  return failure('ENDICIA_WRONG_PASS_PHRASE_COUNTED', {
    ...refusalOf(error.refusal),
    accountId: error.accountId,
    refusals: error.refusals,
    triesLeft: error.triesLeft,
    heldUntil: error.heldUntil,
  });
}

function refusalOf(error: EndiciaApiError) {
  return { status: String(error.status), said: error.endiciaMessage || null };
}

function apiFailure(error: EndiciaApiError, accountId: string | null): Failure {
  const refusal = refusalOf(error);
  switch (error.category) {
    case 'authentication':
      return failure(
        error.field === 'accountId' ? 'ENDICIA_UNKNOWN_ACCOUNT' : 'ENDICIA_WRONG_PASS_PHRASE',
        refusal,
      );
    case 'account-state':
      if (error.needsPassPhraseReset) return failure('PASS_PHRASE_TEMPORARY');
      return error.status === SUSPENDED_BAD_LOGINS
        ? failure('ENDICIA_SUSPENDED_BAD_LOGINS', { ...refusal, accountId })
        : failure('ENDICIA_ACCOUNT_STATE', refusal);
    case 'amount':
      return failure('ENDICIA_AMOUNT', refusal);
    case 'pass-phrase-reused':
      return failure('ENDICIA_PASS_PHRASE_REUSED', refusal);
    case 'payment':
      return failure('ENDICIA_PAYMENT', refusal);
    case 'invalid-request':
      return failure(
        error.op === 'ChangePassPhrase' ? 'ENDICIA_NEW_PASS_PHRASE_INVALID' : 'ENDICIA_INVALID_REQUEST',
        refusal,
      );
    default:
      return failure('ENDICIA_SERVICE', refusal);
  }
}

/** Rejects an actor with the Failure for `error`. */
export function toFlowError(error: unknown): FlowError {
  return error instanceof FlowError ? error : new FlowError(endiciaFailure(error));
}
