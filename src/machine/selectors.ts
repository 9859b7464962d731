import { CodedError } from '../lib/coded-error.ts';
import type { Failure } from './errors.ts';
import type { FieldName } from './field-name.ts';
import { WIZARD_STATES, type WizardState } from './types.ts';
import type { WizardSnapshot } from './wizard.machine.ts';

const STATES: ReadonlySet<string> = new Set(WIZARD_STATES);

/** The page the wizard is on; the bot's view table keys on it. */
export function stateOf(snapshot: WizardSnapshot): WizardState {
  const value: string = snapshot.value;
  // 'opening' is transient and never observable once the actor exists.
  if (!STATES.has(value)) throw new CodedError('WIZARD_UNKNOWN_STATE', `unexpected wizard state ${value}`);
  return value as WizardState;
}

/** True while an Endicia or store call runs: show a working view, do not persist, queue user events. */
export function isBusy(snapshot: WizardSnapshot): boolean {
  return snapshot.hasTag('busy');
}

/** True once the wizard is finished or cancelled; its session can be deleted. */
export function isClosed(snapshot: WizardSnapshot): boolean {
  return snapshot.status === 'done';
}

/** The failure to show, if any (a field error, a refusal, an unconfirmed purchase…). */
export function failureOf(snapshot: WizardSnapshot): Failure | null {
  return snapshot.context.failure;
}

/** The current failure when it belongs under one input, for `response_action: errors`. */
export function fieldErrorOf(snapshot: WizardSnapshot): { field: FieldName; message: string } | null {
  const failure = snapshot.context.failure;
  return failure?.field ? { field: failure.field, message: failure.message } : null;
}
