import { centsToMils, formatUsd, parseDecimal } from '../lib/money.ts';

/** Endicia's smallest purchase, $10.00 (ELS guide: "The minimum amount … is $10"). */
export const MIN_PURCHASE_CENTS = 1_000;
/** Endicia's largest purchase whatever the account allows, $99,999.99. */
export const ENDICIA_MAX_PURCHASE_CENTS = 9_999_999;

/** The result of reading Postage to Add: whole cents, or a sentence for the field. */
export type AmountResult = { ok: true; cents: number } | { ok: false; message: string };

const MONEY = /^(\d+)(?:\.(\d+))?$/;

const fail = (message: string): AmountResult => ({ ok: false, message });

function tooMuch(maxPurchaseCents: number): string {
  const limit = Math.min(maxPurchaseCents, ENDICIA_MAX_PURCHASE_CENTS);
  return `The most one purchase may be is ${formatUsd(centsToMils(limit))}.`;
}

/**
 * Checks an amount already in cents against Endicia's bounds and `maxPurchaseCents`
 * (POSTAGE_MAX_PURCHASE). Returns the field message, or null when it may be bought.
 */
export function checkAmountCents(cents: number, maxPurchaseCents: number): string | null {
  if (!Number.isSafeInteger(cents) || cents <= 0)
    return 'Enter a positive amount in dollars, like 25 or 25.50.';
  if (cents < MIN_PURCHASE_CENTS) return 'The minimum purchase is $10.00.';
  if (cents > maxPurchaseCents || cents > ENDICIA_MAX_PURCHASE_CENTS) return tooMuch(maxPurchaseCents);
  return null;
}

/**
 * Reads what a person typed as Postage to Add: `25`, `25.5`, `25.50`, `$25`, with surrounding spaces.
 * Rejects letters, signs, exponents, thousands separators, more than two decimals, and amounts outside
 * $10.00 … min(maxPurchaseCents, $99,999.99). Exact: no floating point on the way.
 */
export function parseAmount(text: string, options: { maxPurchaseCents: number }): AmountResult {
  const trimmed = text.trim();
  if (trimmed === '') return fail('Enter the amount of postage to add.');
  const body = trimmed.startsWith('$') ? trimmed.slice(1) : trimmed;
  if (trimmed.startsWith('-') || body.startsWith('-')) {
    return fail('Enter a positive amount in dollars, like 25 or 25.50.');
  }
  const match = MONEY.exec(body);
  if (!match) return fail('Enter the amount in dollars with digits and one point only, like 25 or 25.50.');
  if ((match[2] ?? '').length > 2) return fail('Use at most two decimals (cents), like 25.50.');
  const mils = parseDecimal(body, 2);
  // Too many digits to be exact is certainly too much money.
  if (mils === undefined) return fail(tooMuch(options.maxPurchaseCents));
  const cents = mils / 10;
  const problem = checkAmountCents(cents, options.maxPurchaseCents);
  return problem === null ? { ok: true, cents } : fail(problem);
}
