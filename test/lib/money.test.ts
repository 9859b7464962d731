import { describe, expect, it } from 'vitest';
import { formatUsd, parseDecimal, parseTypedDollars, toDecimalString } from '../../src/lib/money.ts';

describe('money in integer mils', () => {
  it.each([
    ['30', 30_000],
    ['76.5', 76_500],
    ['125.25', 125_250],
    ['0.125', 125],
    ['25.000', 25_000],
    ['0', 0],
    ['99999.99', 99_999_990],
  ])('parses %s exactly', (text, mils) => {
    expect(parseDecimal(text)).toBe(mils);
  });

  it.each(['', '-5', '+5', '1e3', '1,000', ' 25', '25.', '.5', '0.1234', 'abc', '12.3.4', 'Infinity'])(
    'refuses %j',
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
    },
  );

  it('limits the scale when asked (money typed by people has at most cents)', () => {
    expect(parseDecimal('10.005', 2)).toBeUndefined();
    expect(parseDecimal('10.50', 2)).toBe(10_500);
  });

  it('never adds floats: 0.1 + 0.2 is exactly 0.30', () => {
    const sum = (parseDecimal('0.1') ?? 0) + (parseDecimal('0.2') ?? 0);
    expect(toDecimalString(sum)).toBe('0.30');
  });

  it.each([
    [1_234_500, '$1,234.50'],
    [0, '$0.00'],
    [125, '$0.125'],
    [-5_000, '-$5.00'],
    [99_999_990, '$99,999.99'],
    [1_000_000_000, '$1,000,000.00'],
  ])('formats %i mils as %s', (mils, text) => {
    expect(formatUsd(mils)).toBe(text);
  });

  it('writes wire decimals with at least two places', () => {
    expect(toDecimalString(25_000)).toBe('25.00');
    expect(toDecimalString(76_550)).toBe('76.55');
  });
});

describe('dollars as people type them (one reader for every typed amount)', () => {
  it.each([
    ['25', 25_000],
    ['  25.5 ', 25_500],
    ['$25', 25_000],
    ['$ 25.05', 25_050],
    ['1,500', 1_500_000],
    ['$1,500.00', 1_500_000],
    ['12,345.60', 12_345_600],
    ['1,234,567', 1_234_567_000],
    ['0', 0],
  ])('reads %j', (text, mils) => {
    expect(parseTypedDollars(text)).toEqual({ ok: true, mils });
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['-5', 'negative'],
    ['$-5', 'negative'],
    ['-$5', 'negative'],
    ['10,00', 'format'],
    ['1,50', 'format'],
    ['1,5000', 'format'],
    ['12,34,567', 'format'],
    [',500', 'format'],
    ['1,500.', 'format'],
    ['1e3', 'format'],
    ['ten', 'format'],
    ['١٥', 'format'],
    ['２５', 'format'],
    ['+25', 'format'],
    ['$$25', 'format'],
    ['25 $', 'format'],
    ['25.125', 'scale'],
    ['9'.repeat(30), 'too-large'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseTypedDollars(text)).toEqual({ ok: false, problem });
  });
});
