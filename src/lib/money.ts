/**
 * Money as integer mils (thousandths of a dollar).
 *
 * Endicia prints balances as "Currency 6.3" decimals with whatever scale they carry (`30`, `76.5`,
 * `125.255`), so cents alone could lose a digit; mils hold every figure exactly as a safe integer
 * (the largest balance we could meet, $99,999,999.999, is far below 2^53). Never add dollars as
 * floats: parse to mils, add integers, format at the edge.
 */
export type Mils = number;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a plain non-negative decimal (`30`, `76.5`, `0.125`) into mils.
 * Returns `undefined` for anything else: signs, exponents, separators, spaces, more than
 * `maxScale` decimals (default 3), or a value too large to be exact.
 */
export function parseDecimal(text: string, maxScale = 3): Mils | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const whole = match[1] ?? '0';
  // Trailing zeros carry no value ("25.000" is 25 dollars), so only significant digits count.
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > maxScale || fraction.length > 3) return undefined;
  const mils = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
  return Number.isSafeInteger(mils) ? mils : undefined;
}

/** Cents → mils. */
export function centsToMils(cents: number): Mils {
  return cents * 10;
}

/**
 * A decimal string for wire formats: at least two decimals, a third only when it is not zero
 * (`25.00`, `76.50`, `0.125`).
 */
export function toDecimalString(mils: Mils): string {
  const sign = mils < 0 ? '-' : '';
  const abs = Math.abs(mils);
  const whole = Math.floor(abs / 1000);
  const rest = abs % 1000;
  const fraction = rest % 10 === 0 ? String(rest / 10).padStart(2, '0') : String(rest).padStart(3, '0');
  return `${sign}${whole}.${fraction}`;
}

/** Display form for people: `$1,234.50`, `-$5.00`, `$0.125`. */
export function formatUsd(mils: Mils): string {
  const text = toDecimalString(Math.abs(mils));
  const [whole = '0', fraction = '00'] = text.split('.');
  // Groups of three from the right, by slicing: the look-ahead regex it replaces showed in burst profiles.
  let grouped = whole.slice(0, ((whole.length - 1) % 3) + 1);
  for (let at = grouped.length; at < whole.length; at += 3) grouped += `,${whole.slice(at, at + 3)}`;
  return `${mils < 0 ? '-' : ''}$${grouped}.${fraction}`;
}

/** Why `parseTypedDollars` refused what a person typed. */
export type TypedDollarsProblem = 'empty' | 'negative' | 'format' | 'scale' | 'too-large';

/** A dollar amount as a person typed it: mils, or why not. */
export type TypedDollars = { ok: true; mils: Mils } | { ok: false; problem: TypedDollarsProblem };

/** An example every dollar field accepts, for messages that refuse a typed amount. */
export const TYPED_DOLLARS_EXAMPLE = '25, 25.50 or $1,500.00';

// Plain digits, or US grouping with exactly three digits per group after the first (1,500 / 12,345.60).
// `[0-9]` and not a Unicode digit class: `١٥` or full-width digits are refused, not read as 15.
const TYPED = /^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]+))?$/;

/**
 * Reads money the way people type it, for every field and command argument that takes dollars:
 * surrounding spaces, a leading `$` and correct US thousands grouping are accepted (`1,500`,
 * `$12,345.60`); at most two decimals. Ambiguous or malformed forms are refused: decimal commas
 * (`10,00`), bad grouping (`1,50`), exponents (`1e3`), words, signs and non-ASCII digits.
 */
export function parseTypedDollars(text: string): TypedDollars {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  const body = trimmed.replace(/^\$\s*/, '');
  if (/^-/.test(body) || trimmed.startsWith('-')) return { ok: false, problem: 'negative' };
  const match = TYPED.exec(body);
  if (!match) return { ok: false, problem: 'format' };
  if ((match[1] ?? '').length > 2) return { ok: false, problem: 'scale' };
  const mils = parseDecimal(body.replaceAll(',', ''), 2);
  // Only an amount too large to be exact fails here: certainly more than any maximum.
  return mils === undefined ? { ok: false, problem: 'too-large' } : { ok: true, mils };
}
