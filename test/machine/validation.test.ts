import { describe, expect, it } from 'vitest';
import {
  accountIdSchema,
  amountFormSchema,
  changeFormSchema,
  loginFormSchema,
  newPassPhraseSchema,
  parseAmount,
  parseForm,
  passPhraseSchema,
} from '../../src/machine/index.ts';
import { NEW_PHRASE, PHRASE } from './fixtures.ts';

const MAX_500 = { maxPurchaseCents: 50_000 };
const HIGH_MAX = { maxPurchaseCents: 100_000_000 };

const FORMAT = 'Enter the amount in dollars, like 25, 25.50 or $1,500.00 (a comma only between thousands).';
const NEGATIVE = 'Enter a positive amount in dollars, like 25, 25.50 or $1,500.00.';
const DECIMALS = 'Use at most two decimals (cents), like 25.50.';
const MINIMUM = 'The minimum purchase is $10.00.';

describe('parseAmount', () => {
  it.each([
    ['25', MAX_500, 2_500],
    ['25.5', MAX_500, 2_550],
    ['25.50', MAX_500, 2_550],
    ['$25', MAX_500, 2_500],
    [' 25 ', MAX_500, 2_500],
    [' $25.05 ', MAX_500, 2_505],
    ['10', MAX_500, 1_000],
    ['500', MAX_500, 50_000],
    ['500.00', MAX_500, 50_000],
    ['99999.99', HIGH_MAX, 9_999_999],
    ['0025', MAX_500, 2_500],
    ['$ 25', MAX_500, 2_500],
    ['1,500', HIGH_MAX, 150_000],
    [' $1,500.00 ', HIGH_MAX, 150_000],
    ['12,345.60', HIGH_MAX, 1_234_560],
  ])('accepts %j', (text, options, cents) => {
    expect(parseAmount(text, options)).toEqual({ ok: true, cents });
  });

  it.each([
    ['', MAX_500, 'Enter the amount of postage to add.'],
    ['   ', MAX_500, 'Enter the amount of postage to add.'],
    ['abc', MAX_500, FORMAT],
    ['25 dollars', MAX_500, FORMAT],
    ['-5', MAX_500, NEGATIVE],
    ['$-5', MAX_500, NEGATIVE],
    ['-$5', MAX_500, NEGATIVE],
    ['+25', MAX_500, FORMAT],
    ['0', MAX_500, NEGATIVE],
    ['0.00', MAX_500, NEGATIVE],
    ['9.99', MAX_500, MINIMUM],
    ['10.001', MAX_500, DECIMALS],
    ['25.000', MAX_500, DECIMALS],
    ['1e3', MAX_500, FORMAT],
    ['1E3', MAX_500, FORMAT],
    ['1,000', MAX_500, 'The most one purchase may be is $500.00.'],
    ['10,00', MAX_500, FORMAT],
    ['1,50', MAX_500, FORMAT],
    ['1,5000', HIGH_MAX, FORMAT],
    [',500', HIGH_MAX, FORMAT],
    ['1,500,00', HIGH_MAX, FORMAT],
    ['ten', MAX_500, FORMAT],
    ['١٥', MAX_500, FORMAT],
    ['1 000', MAX_500, FORMAT],
    ['25.', MAX_500, FORMAT],
    ['.50', MAX_500, FORMAT],
    ['0x20', MAX_500, FORMAT],
    ['２５', MAX_500, FORMAT],
    ['500.01', MAX_500, 'The most one purchase may be is $500.00.'],
    ['100000', HIGH_MAX, 'The most one purchase may be is $99,999.99.'],
    ['99999999999999999999', MAX_500, 'The most one purchase may be is $500.00.'],
  ])('rejects %j', (text, options, message) => {
    expect(parseAmount(text, options)).toEqual({ ok: false, message });
  });
});

describe('account number and pass phrases', () => {
  it.each(['2500001', ' 2500001 ', '1', '123456789012'])('accepts account %j', (text) => {
    expect(accountIdSchema.safeParse(text)).toMatchObject({ success: true, data: text.trim() });
  });

  it.each([
    ['', 'Enter the account number.'],
    ['25A0001', 'Account number is digits only (for example 2500001).'],
    ['-2500001', 'Account number is digits only (for example 2500001).'],
    ['2500 001', 'Account number is digits only (for example 2500001).'],
    ['1234567890123', 'An account number has at most 12 digits.'],
  ])('rejects account %j', (text, message) => {
    const result = accountIdSchema.safeParse(text);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it('pass phrases are 1–64 characters, kept exactly (spaces included)', () => {
    expect(passPhraseSchema.safeParse(PHRASE)).toMatchObject({ success: true, data: PHRASE });
    expect(passPhraseSchema.safeParse(' x ').data).toBe(' x ');
    expect(passPhraseSchema.safeParse('x'.repeat(64)).success).toBe(true);
    expect(passPhraseSchema.safeParse('x'.repeat(65)).error?.issues[0]?.message).toBe(
      'A pass phrase is at most 64 characters (as Endicia counts them: an emoji or other symbol may count as 2).',
    );
    expect(passPhraseSchema.safeParse('').error?.issues[0]?.message).toBe('Enter the pass phrase.');
  });

  it('counts length as Endicia does (.NET strings: UTF-16 units), so 40 emoji are 80, not 40', () => {
    const emoji = '\u{1F600}'.repeat(40);
    expect(passPhraseSchema.safeParse(emoji).success).toBe(false);
    expect(passPhraseSchema.safeParse('\u{1F600}'.repeat(32)).success).toBe(true);
    expect(newPassPhraseSchema.safeParse(emoji).error?.issues[0]?.message).toContain('may count as 2');
    expect(
      loginFormSchema.safeParse({ accountId: '2500001', passPhrase: emoji, remember: false, reveal: false })
        .success,
    ).toBe(false);
  });

  it('new pass phrases are 5–64 characters (endicia-els.md §5.1)', () => {
    expect(newPassPhraseSchema.safeParse('abcde').success).toBe(true);
    expect(newPassPhraseSchema.safeParse('abcd').success).toBe(false);
    expect(newPassPhraseSchema.safeParse('x'.repeat(65)).success).toBe(false);
  });
});

describe('forms', () => {
  it('login: an empty pass phrase means "use the remembered one"', () => {
    const raw = { accountId: ' 2500001 ', passPhrase: null, remember: true, reveal: false };
    expect(parseForm(loginFormSchema, raw)).toEqual({
      ok: true,
      value: { accountId: '2500001', passPhrase: null, remember: true, reveal: false },
    });
    expect(parseForm(loginFormSchema, { ...raw, passPhrase: '' })).toMatchObject({
      value: { passPhrase: null },
    });
  });

  it('login: errors per field, never quoting a pass phrase', () => {
    const long = `${PHRASE}${'x'.repeat(64)}`;
    const result = parseForm(loginFormSchema, {
      accountId: 'abc',
      passPhrase: long,
      remember: false,
      reveal: false,
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        accountId: 'Account number is digits only (for example 2500001).',
        passPhrase:
          'A pass phrase is at most 64 characters (as Endicia counts them: an emoji or other symbol may count as 2).',
      },
    });
    expect(JSON.stringify(result).includes(PHRASE)).toBe(false);
  });

  it('amount: cents, or the message under the amount field', () => {
    expect(parseForm(amountFormSchema(50_000), { amount: '$25.50' })).toEqual({
      ok: true,
      value: { amountCents: 2_550 },
    });
    expect(parseForm(amountFormSchema(50_000), { amount: '1e3' })).toEqual({
      ok: false,
      errors: { amount: FORMAT },
    });
    expect(parseForm(amountFormSchema(50_000), { amount: null })).toEqual({
      ok: false,
      errors: { amount: 'Enter the amount of postage to add.' },
    });
  });

  const change = {
    accountId: '2500001',
    currentPassPhrase: PHRASE,
    newPassPhrase: NEW_PHRASE,
    confirmPassPhrase: NEW_PHRASE,
  };

  it('change: a valid form yields the CHANGE fields', () => {
    const result = parseForm(changeFormSchema, change);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.value).sort()).toEqual(['accountId', 'currentPassPhrase', 'newPassPhrase']);
    expect(result.value.newPassPhrase === NEW_PHRASE && result.value.currentPassPhrase === PHRASE).toBe(true);
  });

  it.each([
    [
      'the new pass phrase twice differently',
      { confirmPassPhrase: `${NEW_PHRASE}!` },
      'confirmPassPhrase',
      'The new pass phrases do not match.',
    ],
    [
      'new equal to current',
      { newPassPhrase: PHRASE, confirmPassPhrase: PHRASE },
      'newPassPhrase',
      'The new pass phrase must differ from the current one.',
    ],
    [
      'a short new pass phrase',
      { newPassPhrase: 'abcd', confirmPassPhrase: 'abcd' },
      'newPassPhrase',
      'A pass phrase is 5 to 64 characters (as Endicia counts them: an emoji or other symbol may count as 2).',
    ],
    [
      'a 65-character new pass phrase',
      { newPassPhrase: 'y'.repeat(65), confirmPassPhrase: 'y'.repeat(65) },
      'newPassPhrase',
      'A pass phrase is 5 to 64 characters (as Endicia counts them: an emoji or other symbol may count as 2).',
    ],
    ['no current pass phrase', { currentPassPhrase: null }, 'currentPassPhrase', 'Enter the pass phrase.'],
    [
      'a bad account number',
      { accountId: '25-01' },
      'accountId',
      'Account number is digits only (for example 2500001).',
    ],
  ])('change: rejects %s', (_, overrides, field, message) => {
    const result = parseForm(changeFormSchema, { ...change, ...overrides });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[field as keyof typeof result.errors]).toBe(message);
    expect(
      JSON.stringify(result.errors).includes(PHRASE) || JSON.stringify(result.errors).includes(NEW_PHRASE),
    ).toBe(false);
  });
});
