import { describe, expect, it } from 'vitest';
import { parseLoginForm } from '../../src/bot/forms/index.ts';
import { BLOCK_IDS } from '../../src/bot/ids.ts';
import { ACCOUNT, PHRASE } from './fixtures.ts';

import { accountPage, expectNoSecrets, revealedPage, submit, ticked } from './form-values.ts';

describe('parseLoginForm', () => {
  it('turns a typed login into a LOGIN event (account trimmed, pass phrase exactly as typed)', () => {
    const values = submit(
      accountPage(false),
      { account_id: ' 2500001 ', pass_phrase: PHRASE },
      { remember: { remember: ticked('remember') } },
    );
    const result = parseLoginForm(values, { rememberedAccountId: null });
    if (!result.ok) throw new Error(`rejected: ${Object.keys(result.errors).join(', ')}`);
    const { passPhrase, ...rest } = result.event;
    expect(rest).toEqual({ type: 'LOGIN', accountId: ACCOUNT, remember: true, reveal: false });
    expect(passPhrase === PHRASE, 'pass phrase kept exactly').toBe(true);
  });

  it('reads "Make pass phrase visible" from its actions block', () => {
    const values = submit(
      accountPage(true),
      { account_id: ACCOUNT },
      { reveal: { reveal: ticked('reveal') } },
    );
    const result = parseLoginForm(values, { rememberedAccountId: ACCOUNT });
    expect(result.ok && result.event.reveal).toBe(true);
  });

  it('a blank pass phrase means "the remembered one" only for the remembered account', () => {
    const page = accountPage(true);
    const same = parseLoginForm(submit(page, { account_id: ACCOUNT }), { rememberedAccountId: ACCOUNT });
    expect(same.ok && same.event.passPhrase).toBeNull();
    // Untouched remember box of a remembered account arrives ticked (initial_options).
    expect(same.ok && same.event.remember).toBe(true);

    const other = parseLoginForm(submit(page, { account_id: '2500002' }), { rememberedAccountId: ACCOUNT });
    expect(other).toEqual({ ok: false, errors: { pass_phrase: 'Enter the pass phrase.' } });

    const none = parseLoginForm(submit(accountPage(false), { account_id: ACCOUNT }), {
      rememberedAccountId: null,
    });
    expect(none).toEqual({ ok: false, errors: { pass_phrase: 'Enter the pass phrase.' } });

    const nullValue = parseLoginForm(submit(accountPage(false), { account_id: ACCOUNT, pass_phrase: null }), {
      rememberedAccountId: null,
    });
    expect(nullValue).toEqual({ ok: false, errors: { pass_phrase: 'Enter the pass phrase.' } });
  });

  it('reads the revealed pass phrase field and keys its errors to that block', () => {
    const values = submit(revealedPage, {});
    const result = parseLoginForm(values, { rememberedAccountId: ACCOUNT });
    expect(result.ok && result.event.passPhrase === PHRASE).toBe(true);

    const cleared = parseLoginForm(submit(revealedPage, { account_id: '2500002', pass_phrase_shown: '' }), {
      rememberedAccountId: ACCOUNT,
    });
    expect(cleared).toEqual({ ok: false, errors: { pass_phrase_shown: 'Enter the pass phrase.' } });
  });

  it.each([
    ['empty', ''],
    ['letters', 'abc'],
    ['a dash', '25-0001'],
    ['too long', '1234567890123'],
    ['spaces inside', '25 00001'],
  ])('rejects an account number with %s, at the account field', (_name, accountId) => {
    const result = parseLoginForm(
      submit(accountPage(false), { account_id: accountId, pass_phrase: PHRASE }),
      {
        rememberedAccountId: null,
      },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([BLOCK_IDS.accountId]);
    expectNoSecrets(result.errors);
  });

  it('reports a bad account number and a missing pass phrase together', () => {
    const result = parseLoginForm(submit(accountPage(false), { account_id: 'abc' }), {
      rememberedAccountId: null,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['account_id', 'pass_phrase']);
  });

  it('rejects a pass phrase over 64 characters without quoting it', () => {
    const long = `${PHRASE}${'x'.repeat(64)}`;
    const result = parseLoginForm(submit(accountPage(false), { account_id: ACCOUNT, pass_phrase: long }), {
      rememberedAccountId: null,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      pass_phrase:
        'A pass phrase is at most 64 characters (as Endicia counts them: an emoji or other symbol may count as 2).',
    });
    expectNoSecrets(result.errors);
  });

  it('survives a payload without the expected blocks', () => {
    const result = parseLoginForm({}, { rememberedAccountId: null });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['account_id', 'pass_phrase']);
  });
});
