import type { ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { failureBlockErrors, parseAmountForm, parseChangeForm } from '../../src/bot/forms/index.ts';
import { FIELD_BLOCK_IDS } from '../../src/bot/ids.ts';
import { viewFor } from '../../src/bot/views/index.ts';
import type { FieldName } from '../../src/machine/index.ts';
import { ACCOUNT, failure, loggedInContext, meta, NEW_PHRASE, PHRASE } from './fixtures.ts';

import {
  accountPage,
  changePage,
  detailsPage,
  expectNoSecrets,
  revealedPage,
  submit,
  type Typed,
} from './form-values.ts';

describe('parseAmountForm', () => {
  const parse = (amount: string | null) => parseAmountForm(submit(detailsPage, { amount }), 50_000);

  it.each([
    ['25', 2_500],
    ['25.5', 2_550],
    ['25.50', 2_550],
    ['$25.50', 2_550],
    [' 10 ', 1_000],
    ['500', 50_000],
    ['500.00', 50_000],
    ['$ 100', 10_000],
  ])('accepts %j as %i cents', (amount, cents) => {
    expect(parse(amount)).toEqual({ ok: true, amountCents: cents });
  });

  it.each([
    ['empty', '', 'Enter the amount of postage to add.'],
    ['null', null, 'Enter the amount of postage to add.'],
    [
      'letters',
      'ten',
      'Enter the amount in dollars, like 25, 25.50 or $1,500.00 (a comma only between thousands).',
    ],
    ['negative', '-25', 'Enter a positive amount in dollars, like 25, 25.50 or $1,500.00.'],
    ['zero', '0', 'Enter a positive amount in dollars, like 25, 25.50 or $1,500.00.'],
    ['three decimals', '25.125', 'Use at most two decimals (cents), like 25.50.'],
    [
      'exponent',
      '1e3',
      'Enter the amount in dollars, like 25, 25.50 or $1,500.00 (a comma only between thousands).',
    ],
    [
      'decimal comma',
      '10,00',
      'Enter the amount in dollars, like 25, 25.50 or $1,500.00 (a comma only between thousands).',
    ],
    [
      'bad grouping',
      '1,50',
      'Enter the amount in dollars, like 25, 25.50 or $1,500.00 (a comma only between thousands).',
    ],
    [
      'Arabic-Indic digits',
      '١٥',
      'Enter the amount in dollars, like 25, 25.50 or $1,500.00 (a comma only between thousands).',
    ],
    ['under $10', '9.99', 'The minimum purchase is $10.00.'],
    ['over the configured maximum', '500.01', 'The most one purchase may be is $500.00.'],
    ['over $99,999.99', '100000', 'The most one purchase may be is $500.00.'],
    ['absurdly long', '9'.repeat(30), 'The most one purchase may be is $500.00.'],
  ])('rejects %s at the amount field', (_name, amount, message) => {
    expect(parse(amount)).toEqual({ ok: false, errors: { amount: message } });
  });

  it('caps at $99,999.99 whatever the configured maximum', () => {
    const values = submit(detailsPage, { amount: '100000' });
    expect(parseAmountForm(values, 50_000_000)).toEqual({
      ok: false,
      errors: { amount: 'The most one purchase may be is $99,999.99.' },
    });
  });

  it('reads the prefilled amount when nothing was typed', () => {
    const page = viewFor('details', loggedInContext({ amountDraft: '40' }), meta());
    expect(parseAmountForm(submit(page, {}), 50_000)).toEqual({ ok: true, amountCents: 4_000 });
  });
});

describe('parseChangeForm', () => {
  const valid = {
    account_id: ACCOUNT,
    current_pass_phrase: PHRASE,
    new_pass_phrase: NEW_PHRASE,
    confirm_pass_phrase: NEW_PHRASE,
  };
  const parse = (overrides: Typed) => parseChangeForm(submit(changePage, { ...valid, ...overrides }));

  it('returns the CHANGE fields', () => {
    const result = parse({ account_id: ` ${ACCOUNT} ` });
    if (!result.ok) throw new Error(`rejected: ${Object.keys(result.errors).join(', ')}`);
    expect(result.fields.accountId).toBe(ACCOUNT);
    expect(result.fields.currentPassPhrase === PHRASE).toBe(true);
    expect(result.fields.newPassPhrase === NEW_PHRASE).toBe(true);
    expect(Object.keys(result.fields).sort()).toEqual(['accountId', 'currentPassPhrase', 'newPassPhrase']);
  });

  it.each([
    [
      'mismatch',
      { confirm_pass_phrase: `${NEW_PHRASE}!` },
      'confirm_pass_phrase',
      'The new pass phrases do not match.',
    ],
    [
      'reuse of the current one',
      { new_pass_phrase: PHRASE, confirm_pass_phrase: PHRASE },
      'new_pass_phrase',
      'The new pass phrase must differ from the current one.',
    ],
    [
      'too short',
      { new_pass_phrase: 'ab<&', confirm_pass_phrase: 'ab<&' },
      'new_pass_phrase',
      'A pass phrase is 5 to 64 characters (as Endicia counts them: an emoji or other symbol may count as 2).',
    ],
    [
      'too long',
      {
        new_pass_phrase: `${NEW_PHRASE}${'y'.repeat(64)}`,
        confirm_pass_phrase: `${NEW_PHRASE}${'y'.repeat(64)}`,
      },
      'new_pass_phrase',
      'A pass phrase is 5 to 64 characters (as Endicia counts them: an emoji or other symbol may count as 2).',
    ],
    ['no current pass phrase', { current_pass_phrase: '' }, 'current_pass_phrase', 'Enter the pass phrase.'],
    [
      'a bad account number',
      { account_id: '25x' },
      'account_id',
      'Account number is digits only (for example 2500001).',
    ],
  ])('rejects %s at its field', (_name, overrides, blockId, message) => {
    const result = parse(overrides as Typed);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ [blockId]: message });
    expectNoSecrets(result.errors);
  });

  it('reports every bad field at once when it can', () => {
    const result = parse({ account_id: '', current_pass_phrase: '', new_pass_phrase: 'abc' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual([
        'account_id',
        'confirm_pass_phrase',
        'current_pass_phrase',
        'new_pass_phrase',
      ]);
    }
  });
});

describe('failureBlockErrors', () => {
  it('puts a failure with a field under its input block', () => {
    expect(failureBlockErrors(failure('passPhrase'))).toEqual({
      pass_phrase: 'The pass phrase is incorrect.',
    });
    expect(failureBlockErrors(failure('passPhrase'), { passPhraseShown: true })).toEqual({
      pass_phrase_shown: 'The pass phrase is incorrect.',
    });
    expect(failureBlockErrors(failure('amount', 'The purchase amount is too low.'))).toEqual({
      amount: 'The purchase amount is too low.',
    });
  });

  it('is null without a failure or without a field', () => {
    expect(failureBlockErrors(null)).toBeNull();
    expect(failureBlockErrors(failure(null))).toBeNull();
  });

  it('only ever names input blocks of the page the field is on', () => {
    const pages: Record<FieldName, ModalView> = {
      accountId: accountPage(false),
      passPhrase: accountPage(false),
      amount: detailsPage,
      currentPassPhrase: changePage,
      newPassPhrase: changePage,
      confirmPassPhrase: changePage,
    };
    for (const [field, page] of Object.entries(pages) as [FieldName, ModalView][]) {
      const [blockId] = Object.keys(failureBlockErrors(failure(field)) ?? {});
      expect(blockId).toBe(FIELD_BLOCK_IDS[field]);
      const block = page.blocks.find((b) => b.block_id === blockId);
      expect(block?.type, `${field} → ${blockId}`).toBe('input');
    }
    const shown = Object.keys(failureBlockErrors(failure('passPhrase'), { passPhraseShown: true }) ?? {})[0];
    expect(revealedPage.blocks.find((b) => b.block_id === shown)?.type).toBe('input');
  });
});
