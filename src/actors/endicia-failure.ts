import { EndiciaApiError, EndiciaUnavailableError } from '../endicia/index.ts';
import { type Failure, FlowError, PASS_PHRASE_TEMPORARY, toFailure } from '../machine/index.ts';
import {
  AttemptNotRecordedError,
  CountedRefusalError,
  HOLD_AFTER,
  TypedAttemptsHeldError,
} from '../never-lock/index.ts';

/**
 * The anti-corruption layer for errors: Endicia's typed errors become the wizard's Failures, with
 * sentences a shipping clerk can act on. Endicia's own message is kept where it says something useful
 * (limits, card problems); it never contains a pass phrase.
 */
export function endiciaFailure(error: unknown, accountId: string | null = null): Failure {
  if (error instanceof EndiciaUnavailableError) {
    return {
      kind: 'unavailable',
      code: error.code,
      // An answer arrived but makes no sense (a balance no account holds, another account's answer).
      message:
        error.reason === 'malformed'
          ? "Endicia's answer could not be read, so nothing is shown from it. Try again in a moment."
          : 'Endicia is unavailable right now. Try again in a moment.',
      field: null,
    };
  }
  if (error instanceof EndiciaApiError) return apiFailure(error, accountId);
  if (error instanceof CountedRefusalError) return countedFailure(error);
  if (error instanceof TypedAttemptsHeldError) return heldFailure(error);
  if (error instanceof AttemptNotRecordedError) {
    return {
      kind: 'service',
      code: error.code,
      message: 'Could not save — nothing was changed, try again.',
      field: null,
    };
  }
  // Anything else is the machine's one internal failure: a login or a pass-phrase change must not be
  // told "nothing was bought" (buyPostage says it itself where it is true).
  return toFailure(error);
}

// 2012 AccountSuspendedBadLogins: Endicia's own text says "contact" again, so it is not quoted.
const SUSPENDED_BAD_LOGINS = 2012;

/** "at 14:35 UTC": a time people read (views are plain text, so no Slack date formatting). */
export function utcTime(at: Date): string {
  return `at ${at.toISOString().slice(11, 16)} UTC`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A counted refusal: from the second in a row on, how many tries remain before Endicia suspends it. */
function countedFailure(error: CountedRefusalError): Failure {
  const failure = apiFailure(error.refusal, error.accountId);
  if (failure.field !== 'passPhrase' || error.refusals < 2) return failure;
  const base = 'Endicia says this pass phrase is incorrect (it is case- and space-sensitive).';
  const road = `That is ${plural(error.refusals, 'refusal', 'refusals')} in a row: ${plural(error.triesLeft, 'more wrong try', 'more wrong tries')} and Endicia suspends account ${error.accountId}.`;
  const hold =
    error.heldUntil !== null
      ? ` To keep that from happening, the bot holds typed pass phrases for this account until ${utcTime(error.heldUntil).slice(3)}.`
      : error.triesLeft <= 1
        ? ' The bot will not send another pass phrase for this account.'
        : '';
  return { ...failure, message: `${base} ${road}${hold}` };
}

function heldFailure(error: TypedAttemptsHeldError): Failure {
  const message =
    error.until === null
      ? `Endicia refused ${HOLD_AFTER + 1} pass phrases in a row for account ${error.accountId}; one more wrong one suspends it, so the bot will not send another. Find out the current pass phrase from whoever changed it, or call Endicia support and quote account ${error.accountId}.`
      : `Endicia refused ${HOLD_AFTER} pass phrases in a row for account ${error.accountId}, and five suspend it. Typing may resume ${utcTime(error.until)}; check the current pass phrase meanwhile.`;
  return { kind: 'authentication', code: error.code, message, field: 'passPhrase' };
}

function apiFailure(error: EndiciaApiError, accountId: string | null): Failure {
  const code = String(error.status);
  const said = error.endiciaMessage ? ` Endicia says: “${error.endiciaMessage}”` : '';
  switch (error.category) {
    case 'authentication':
      return error.field === 'accountId'
        ? {
            kind: 'authentication',
            code,
            message: 'Endicia does not know this account number.',
            field: 'accountId',
          }
        : {
            kind: 'authentication',
            code,
            message:
              'Endicia says this pass phrase is incorrect (it is case- and space-sensitive). Five wrong tries in a row suspend the account.',
            field: 'passPhrase',
          };
    case 'account-state':
      if (error.needsPassPhraseReset) {
        return {
          kind: 'account-state',
          code: PASS_PHRASE_TEMPORARY,
          message:
            'Endicia says this pass phrase is temporary: change it (Change Pass Phrase) before buying postage.',
          field: null,
        };
      }
      return {
        kind: 'account-state',
        code,
        message:
          error.status === SUSPENDED_BAD_LOGINS
            ? `Endicia suspended ${accountId === null ? 'this account' : `account ${accountId}`} after five wrong pass phrases in a row. Only Endicia can lift that: call Endicia support and quote ${accountId === null ? 'your account number' : `account ${accountId}`}.`
            : `This Endicia account cannot be used right now.${said} Contact Endicia support.`,
        field: null,
      };
    case 'amount':
      return {
        kind: 'amount',
        code,
        message: `Endicia refused the amount.${said}`,
        field: 'amount',
      };
    case 'pass-phrase-reused':
      return {
        kind: 'pass-phrase-reused',
        code,
        message: 'Endicia refuses a pass phrase used in the last four changes. Choose a different one.',
        field: 'newPassPhrase',
      };
    case 'payment':
      return {
        kind: 'payment',
        code,
        message: `Endicia could not charge the account's payment method; nothing was bought.${said}`,
        field: null,
      };
    case 'invalid-request':
      if (error.op === 'ChangePassPhrase') {
        return {
          kind: 'invalid',
          code,
          message: 'Endicia refused the new pass phrase: it must be 5 to 64 characters.',
          field: 'newPassPhrase',
        };
      }
      return {
        kind: 'invalid',
        code,
        message: `Endicia refused the request.${said}`,
        field: null,
      };
    default:
      return {
        kind: 'service',
        code,
        message: `Endicia could not do that right now; nothing was changed.${said} Try again in a moment.`,
        field: null,
      };
  }
}

/** Rejects an actor with the Failure for `error`. */
export function toFlowError(error: unknown): FlowError {
  return error instanceof FlowError ? error : new FlowError(endiciaFailure(error));
}
