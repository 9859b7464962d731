import { describe, expect, it } from 'vitest';
import { formatDecimal, parseAmountCents } from '../../../src/endicia/simulator/decimals.ts';

describe('formatDecimal', () => {
  it.each([
    [30_000, '30', '30.00'],
    [76_500, '76.5', '76.50'],
    [125_250, '125.25', '125.25'],
    [125, '0.125', '0.125'],
    [0, '0', '0.00'],
    [100_000_000, '100000', '100000.00'],
  ])('%d mils → dotnet %s, fixed2 %s', (mils, dotnet, fixed2) => {
    expect(formatDecimal(mils, 'dotnet')).toBe(dotnet);
    expect(formatDecimal(mils, 'fixed2')).toBe(fixed2);
  });
});

describe('parseAmountCents', () => {
  it.each([
    ['10', 1000n],
    ['10.00', 1000n],
    [' 25.5 ', 2550n],
    ['10.', 1000n],
    ['.5', 50n],
    ['9.994', 999n],
    ['9.995', 1000n],
    ['-5', -500n],
    ['+7', 700n],
    ['0', 0n],
    ['123456789012345678901234567890', 12345678901234567890123456789000n],
  ])('%j → %s cents', (text, cents) => {
    expect(parseAmountCents(text)).toBe(cents);
  });

  it.each(['', '.', 'abc', '1e3', '1,000', '10 00', '--5', '$10'])('%j is not a decimal', (text) => {
    expect(parseAmountCents(text)).toBeUndefined();
  });
});
