import { EndiciaApiError, EndiciaUnavailableError } from '../endicia/index.ts';
import { type Failure, FlowError, PASS_PHRASE_TEMPORARY } from '../machine/index.ts';

/**
 * The anti-corruption layer for errors: Endicia's typed errors become the wizard's Failures, with
 * sentences a shipping clerk can act on. Endicia's own message is kept where it says something useful
 * (limits, card problems); it never contains a pass phrase.
 */
export function endiciaFailure(error: unknown): Failure {
  if (error instanceof EndiciaUnavailableError) {
    return {
      kind: 'unavailable',
      code: error.code,
      message: 'Endicia is unavailable right now. Try again in a moment.',
      field: null,
      retryable: true,
    };
  }
  if (error instanceof EndiciaApiError) return apiFailure(error);
  if (error instanceof FlowError) return error.failure;
  return {
    kind: 'internal',
    code: 'INTERNAL',
    message: 'Something went wrong on our side. Nothing was bought; try again.',
    field: null,
    retryable: true,
  };
}

function apiFailure(error: EndiciaApiError): Failure {
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
            retryable: true,
          }
        : {
            kind: 'authentication',
            code,
            message:
              'Endicia says this pass phrase is incorrect (it is case- and space-sensitive). Five wrong tries in a row suspend the account.',
            field: 'passPhrase',
            retryable: true,
          };
    case 'account-state':
      return error.needsPassPhraseReset
        ? {
            kind: 'account-state',
            code: PASS_PHRASE_TEMPORARY,
            message:
              'Endicia says this pass phrase is temporary: change it (Change Pass Phrase) before buying postage.',
            field: null,
            retryable: false,
          }
        : {
            kind: 'account-state',
            code,
            message: `This Endicia account cannot be used right now.${said} Contact Endicia support.`,
            field: null,
            retryable: false,
          };
    case 'amount':
      return {
        kind: 'amount',
        code,
        message: `Endicia refused the amount.${said}`,
        field: 'amount',
        retryable: true,
      };
    case 'pass-phrase-reused':
      return {
        kind: 'pass-phrase-reused',
        code,
        message: 'Endicia refuses a pass phrase used in the last four changes. Choose a different one.',
        field: 'newPassPhrase',
        retryable: true,
      };
    case 'payment':
      return {
        kind: 'payment',
        code,
        message: `Endicia could not charge the account's payment method; nothing was bought.${said}`,
        field: null,
        retryable: false,
      };
    case 'invalid-request':
      if (error.op === 'ChangePassPhrase') {
        return {
          kind: 'invalid',
          code,
          message: 'Endicia refused the new pass phrase: it must be 5 to 64 characters.',
          field: 'newPassPhrase',
          retryable: true,
        };
      }
      return {
        kind: 'invalid',
        code,
        message: `Endicia refused the request.${said}`,
        field: null,
        retryable: false,
      };
    default:
      return {
        kind: 'service',
        code,
        message: `Endicia could not do that right now; nothing was changed.${said} Try again in a moment.`,
        field: null,
        retryable: true,
      };
  }
}

/** Rejects an actor with the Failure for `error`. */
export function toFlowError(error: unknown): FlowError {
  return error instanceof FlowError ? error : new FlowError(endiciaFailure(error));
}
