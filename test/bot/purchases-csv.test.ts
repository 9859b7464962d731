import { describe, expect, it } from 'vitest';
import { purchasesCsv } from '../../src/bot/settings/purchases-csv.ts';
import { purchase } from '../store/helpers/fixtures.ts';

describe('purchasesCsv', () => {
  it('quotes commas, quotes and line breaks, defuses formulas, and keeps money exact', () => {
    const csv = purchasesCsv([
      purchase({
        amountMils: 1_234_560,
        balanceBeforeMils: null,
        balanceAfterMils: 5,
        message: '=HYPERLINK("x"), and\nmore',
        transactionId: '-42',
      }),
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header?.split(',')).toHaveLength(11);
    expect(row).toContain(',1234.56,');
    expect(row).toContain(',,0.005,');
    expect(row).toContain(`,'-42,`);
    expect(csv).toContain(`"'=HYPERLINK(""x""), and\nmore"`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
