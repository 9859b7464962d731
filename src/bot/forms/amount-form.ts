import { amountFormSchema, parseForm } from '../../machine/index.ts';
import { ACTION_IDS, BLOCK_IDS } from '../ids.ts';
import { type BlockErrors, toBlockErrors } from './block-errors.ts';
import { type StateValues, textValue } from './state-values.ts';

/** Postage to Add in whole cents, or the message for the amount block. */
export type AmountFormResult = { ok: true; amountCents: number } | { ok: false; errors: BlockErrors };

/**
 * Reads Postage to Add with the machine's own rules (parseAmount): dollars with at most two decimals,
 * at least $10.00, at most min(`maxPurchaseCents`, $99,999.99). Exact; no floating point.
 */
export function parseAmountForm(values: StateValues, maxPurchaseCents: number): AmountFormResult {
  const raw = { amount: textValue(values, BLOCK_IDS.amount, ACTION_IDS.amount) };
  const parsed = parseForm(amountFormSchema(maxPurchaseCents), raw);
  if (parsed.ok) return { ok: true, amountCents: parsed.value.amountCents };
  return { ok: false, errors: toBlockErrors(parsed.errors) ?? { [BLOCK_IDS.amount]: 'Check the amount.' } };
}
