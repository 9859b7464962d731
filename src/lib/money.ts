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
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${mils < 0 ? '-' : ''}$${grouped}.${fraction}`;
}
