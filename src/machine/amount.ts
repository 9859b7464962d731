import {
  centsToMils,
  formatUsd,
  parseTypedDollars,
  TYPED_DOLLARS_EXAMPLE,
  type TypedDollarsProblem,
} from '../lib/money.ts';

/** Endicia's smallest purchase, $10.00 (ELS guide: "The minimum amount … is $10"). */
export const MIN_PURCHASE_CENTS = 1_000;
/** Endicia's largest purchase whatever the account allows, $99,999.99. */
export const ENDICIA_MAX_PURCHASE_CENTS = 9_999_999;

/** The result of reading Postage to Add: whole cents, or a sentence for the field. */
export type AmountResult = { ok: true; cents: number } | { ok: false; message: string };

const fail = (message: string): AmountResult => ({ ok: false, message });

const POSITIVE = `Enter a positive amount in dollars, like ${TYPED_DOLLARS_EXAMPLE}.`;

// 'too-large' is left out: its sentence names the caller's maximum.
const TYPED_PROBLEMS: Partial<Record<TypedDollarsProblem, string>> = {
  empty: 'Enter the amount of postage to add.',
  negative: POSITIVE,
  format: `Enter the amount in dollars, like ${TYPED_DOLLARS_EXAMPLE} (a comma only between thousands).`,
  scale: 'Use at most two decimals (cents), like 25.50.',
};

function tooMuch(maxPurchaseCents: number): string {
  const limit = Math.min(maxPurchaseCents, ENDICIA_MAX_PURCHASE_CENTS);
  return `The most one purchase may be is ${formatUsd(centsToMils(limit))}.`;
}

/**
 * Checks an amount already in cents against Endicia's bounds and `maxPurchaseCents`
 * (POSTAGE_MAX_PURCHASE). Returns the field message, or null when it may be bought.
 */
export function checkAmountCents(cents: number, maxPurchaseCents: number): string | null {
  if (!Number.isSafeInteger(cents) || cents <= 0) return POSITIVE;
  if (cents < MIN_PURCHASE_CENTS) return 'The minimum purchase is $10.00.';
  if (cents > maxPurchaseCents || cents > ENDICIA_MAX_PURCHASE_CENTS) return tooMuch(maxPurchaseCents);
  return null;
}

/**
 * Reads what a person typed as Postage to Add with the one money reader (`parseTypedDollars`): `25`,
 * `$1,500.00`, surrounding spaces; refuses letters, signs, exponents, decimal commas, bad grouping, more
 * than two decimals, and amounts outside $10.00 … min(maxPurchaseCents, $99,999.99). Exact throughout.
 */
export function parseAmount(text: string, options: { maxPurchaseCents: number }): AmountResult {
  const typed = parseTypedDollars(text);
  if (!typed.ok) return fail(TYPED_PROBLEMS[typed.problem] ?? tooMuch(options.maxPurchaseCents));
  const cents = typed.mils / 10;
  const problem = checkAmountCents(cents, options.maxPurchaseCents);
  return problem === null ? { ok: true, cents } : fail(problem);
}
