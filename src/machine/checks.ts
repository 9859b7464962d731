import { checkAmountCents } from './amount.ts';
import { type Failure, failure } from './failures.ts';
import type { WizardContext, WizardEvent } from './types.ts';
import { accountIdSchema, changeEventSchema, fieldErrors, passPhraseSchema } from './validation.ts';

/*
 * The machine does not trust its events: the bot validates forms first, and these checks repeat the
 * same rules so an invalid event becomes a field failure instead of an Endicia call. Each returns null
 * when the event may proceed.
 */

/** A failure the machine finds itself, before any call (a guard rejected an event). */
function invalid(message: string, field: Failure['field']): Failure {
  return failure('INVALID_INPUT', { message, field });
}

type LoginEvent = Extract<WizardEvent, { type: 'LOGIN' }>;
type ReviewEvent = Extract<WizardEvent, { type: 'REVIEW' }>;
type ChangeEvent = Extract<WizardEvent, { type: 'CHANGE' }>;

/** LOGIN: a valid account number, and a pass phrase typed or remembered for that very account. */
export function checkLogin(context: WizardContext, event: LoginEvent): Failure | null {
  const account = accountIdSchema.safeParse(event.accountId);
  if (!account.success)
    return invalid(fieldErrors(account.error).accountId ?? 'Check the account number.', 'accountId');
  if (event.passPhrase === null) {
    return context.remembered?.accountId === account.data
      ? null
      : invalid('Enter the pass phrase.', 'passPhrase');
  }
  const phrase = passPhraseSchema.safeParse(event.passPhrase);
  return phrase.success
    ? null
    : invalid(phrase.error.issues[0]?.message ?? 'Check the pass phrase.', 'passPhrase');
}

/** REVIEW: logged in with a known balance, an amount within bounds, and a request id. */
export function checkReview(context: WizardContext, event: ReviewEvent): Failure | null {
  if (context.credentials === null || context.status === null) return invalid('Log in first.', null);
  const problem = checkAmountCents(event.amountCents, context.maxPurchaseCents);
  if (problem !== null) return invalid(problem, 'amount');
  return event.requestId.trim() === '' ? invalid('This confirmation has no request id.', null) : null;
}

/** CHANGE: the Change Pass Phrase rules of endicia-els.md §5.1, before any call. */
export function checkChange(event: ChangeEvent): Failure | null {
  const result = changeEventSchema.safeParse(event);
  if (result.success) return null;
  const [field, message] = Object.entries(fieldErrors(result.error))[0] ?? [
    'newPassPhrase',
    'Check the form.',
  ];
  return invalid(message, field as Failure['field']);
}
