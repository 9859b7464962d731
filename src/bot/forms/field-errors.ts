import type { Failure } from '../../machine/index.ts';
import { type BlockErrors, blockIdOf, type ErrorTargets } from './block-errors.ts';

/**
 * A failure that belongs under one input (wrong pass phrase, amount too low, reused pass phrase) as the
 * body of `response_action: 'errors'`; null when it names no field. Pass `{ passPhraseShown: true }`
 * when the account page showed the revealed pass phrase field, so the error lands under it.
 */
export function fieldErrors(failure: Failure | null, targets: ErrorTargets = {}): BlockErrors | null {
  if (failure === null || failure.field === null) return null;
  return { [blockIdOf(failure.field, targets)]: failure.message };
}
