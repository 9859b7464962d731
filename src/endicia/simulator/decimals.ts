import { type Mils, toDecimalString } from '../../lib/money.ts';

/**
 * Prints money the way the server does. `dotnet`: the value's own scale without trailing zeros (`30`,
 * `76.5`, `125.25`, `0.125`), as the 2015 cassettes show; `fixed2`: `30.00` (a third decimal only if needed).
 * Integer arithmetic only: never a float in sight.
 */
export function formatDecimal(mils: Mils, style: 'dotnet' | 'fixed2'): string {
  const fixed = toDecimalString(mils);
  return style === 'fixed2' ? fixed : fixed.replace(/\.?0+$/, '');
}

const AMOUNT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * RecreditAmount as .NET would read it (surrounding spaces, a sign, `10.`, `.5` allowed), rounded half-up to
 * whole cents. BigInt so that absurdly long inputs still compare correctly. `undefined` = not a decimal.
 */
export function parseAmountCents(text: string): bigint | undefined {
  const match = AMOUNT.exec(text.trim());
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || (whole === '' && fraction === '')) return undefined;
  const roundUp = (fraction[2] ?? '0') >= '5' ? 1n : 0n;
  const cents = BigInt(whole || '0') * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0')) + roundUp;
  return match[1] === '-' ? -cents : cents;
}
