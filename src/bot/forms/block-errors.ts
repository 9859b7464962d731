import type { Failure, FieldErrors, FieldName } from '../../machine/index.ts';
import { BLOCK_IDS, FIELD_BLOCK_IDS } from '../ids.ts';

/** `response_action: 'errors'` payload: input block_id → the sentence shown under it. */
export type BlockErrors = Record<string, string>;

/** Which pass phrase block is on screen; errors must name a block the view really has. */
export interface ErrorTargets {
  passPhraseShown?: boolean;
}

/** The input block a field lives in, as currently rendered. */
export function blockIdOf(field: FieldName, targets: ErrorTargets = {}): string {
  if (field === 'passPhrase' && targets.passPhraseShown === true) return BLOCK_IDS.passPhraseShown;
  return FIELD_BLOCK_IDS[field];
}

/** Field-keyed messages (the machine's validation) → block-keyed ones; null when there are none. */
export function toBlockErrors(errors: FieldErrors, targets: ErrorTargets = {}): BlockErrors | null {
  const out: BlockErrors = {};
  for (const [field, message] of Object.entries(errors) as [FieldName, string | undefined][]) {
    if (message !== undefined) out[blockIdOf(field, targets)] = message;
  }
  return Object.keys(out).length === 0 ? null : out;
}

/**
 * A failure that belongs under one input (wrong pass phrase, amount too low, reused pass phrase) as the
 * body of `response_action: 'errors'`; null when it names no field. Pass `{ passPhraseShown: true }`
 * when the account page showed the revealed pass phrase field, so the error lands under it.
 */
export function failureBlockErrors(failure: Failure | null, targets: ErrorTargets = {}): BlockErrors | null {
  if (failure === null || failure.field === null) return null;
  return { [blockIdOf(failure.field, targets)]: failure.message };
}
