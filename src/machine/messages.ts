import { formatUsd } from '../lib/money.ts';
import type { Failure } from './errors.ts';

/*
 * The sentences the machine itself writes (notices and its own failures). Endicia's and the host's
 * sentences arrive inside FlowErrors. None of these ever quotes user input.
 */

export const notices = {
  remembered: 'Your account number and pass phrase will be remembered for next time.',
  forgotten: 'Your remembered account number and pass phrase were forgotten.',
  rememberFailed: 'You are logged in, but your account could not be remembered this time.',
  forgetFailed:
    'You are logged in, but your remembered pass phrase could not be forgotten; try /postage forget.',
  passPhraseChanged: (accountId: string): string =>
    `The pass phrase of account ${accountId} was changed. Update every other app that uses this account.`,
} as const;

/** A failure the machine finds itself, before any call (a guard rejected an event). */
export function invalid(message: string, field: Failure['field']): Failure {
  return { kind: 'invalid', code: 'INVALID_INPUT', message, field };
}

/** After a lost purchase answer that the balance could not confirm. */
export function unconfirmedPurchase(balanceMils: number | null): Failure {
  const message =
    balanceMils === null
      ? 'The purchase could not be confirmed and the balance could not be read. Check the balance before buying again.'
      : `The purchase could not be confirmed. The balance is now ${formatUsd(balanceMils)}; check it before buying again.`;
  return { kind: 'unavailable', code: 'PURCHASE_UNCONFIRMED', message, field: null };
}
