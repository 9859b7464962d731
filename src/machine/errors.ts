import { CodedError } from '../lib/coded-error.ts';
import { type Failure, failure } from './failures.ts';

export type { Failure, FailureKind } from './failures.ts';

/**
 * The one error the wizard's actors reject with. Hosts map their own errors (Endicia, store) to it;
 * anything else that reaches the machine becomes an 'internal' failure with a generic message.
 * It never carries a `cause`, so nothing secret can ride along into a log line.
 */
export class FlowError extends CodedError {
  readonly failure: Failure;

  constructor(failure: Failure) {
    super(failure.code, failure.message);
    this.failure = { ...failure };
  }
}

/**
 * Code of an account-state failure meaning "the pass phrase is temporary and must be changed before
 * buying" (Endicia's 2011). The login itself was right, so the wizard stays logged in and offers
 * Change Pass Phrase instead of sending the person back to the account page.
 */
export const PASS_PHRASE_TEMPORARY = 'PASS_PHRASE_TEMPORARY' as const;

/** True for the failure that asks for a new pass phrase before anything can be bought. */
export function isTemporaryPassPhrase(failure: Failure | null): boolean {
  return failure?.code === PASS_PHRASE_TEMPORARY;
}

/** Endicia's 12119: the amount exceeds what this account may buy (its purchase or balance limit). */
export function isOverAccountLimit(failure: Failure | null): boolean {
  return failure?.kind === 'amount' && failure.code === '12119';
}

/** Code of the buyPostage rejection meaning "the answer was lost; the purchase may have happened". */
export const PURCHASE_ANSWER_LOST = 'PURCHASE_ANSWER_LOST' as const;

/**
 * What buyPostage rejects with when Endicia's answer is lost (timeout, reset, 5xx, broken body):
 * the machine then re-reads the account instead of reporting a failure. Never retry the purchase.
 */
export function lostPurchaseAnswer(): FlowError {
  return new FlowError(failure(PURCHASE_ANSWER_LOST));
}

/** True for the failure `lostPurchaseAnswer()` produces. */
export function isLostPurchaseAnswer(failure: Failure): boolean {
  return failure.kind === 'unavailable' && failure.code === PURCHASE_ANSWER_LOST;
}

/**
 * Any thrown value → a plain Failure. Only a FlowError's own failure is trusted; every other error's
 * message is dropped (it might quote a request, and so a pass phrase).
 */
export function toFailure(error: unknown): Failure {
  if (error instanceof FlowError) {
    const { kind, code, message, field } = error.failure;
    return { kind, code, message, field };
  }
  return failure('INTERNAL', { purchase: false });
}

/** Thrown by an actor placeholder the host forgot to `.provide()`. */
export class ActorNotProvidedError extends CodedError {
  constructor(name: string) {
    super('WIZARD_ACTOR_NOT_PROVIDED', `not provided: ${name}`);
  }
}

/** A busy snapshot was about to be persisted; restoring it would run its call (a purchase) again. */
export class BusySnapshotError extends CodedError {
  constructor(state: string) {
    super('WIZARD_BUSY_SNAPSHOT', `refusing to persist the wizard while busy (${state})`);
  }
}

/**
 * A busy turn did not settle within `settleTimeoutMs`. The actor keeps running (a purchase is never
 * stopped) and is persisted when it does settle; the session stays locked until then.
 */
export class SettleTimeoutError extends CodedError {
  constructor(sessionId: string, timeoutMs: number) {
    super('WIZARD_SETTLE_TIMEOUT', `wizard session ${sessionId} did not settle within ${timeoutMs} ms`);
  }
}

/** The machine itself stopped on an error (a bug, not an Endicia failure); the session is discarded. */
export class WizardFailedError extends CodedError {
  constructor(sessionId: string) {
    super('WIZARD_FAILED', `wizard session ${sessionId} stopped on an internal error`);
  }
}
