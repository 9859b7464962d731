import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FAILURE_CODES,
  type FailureCode,
  type FailureParams,
  failure,
  lostPurchaseAnswer,
  notices,
  toFailure,
} from '../../src/machine/index.ts';

const SRC = resolve(import.meta.dirname, '../../src');
const TABLE = 'machine/failures.ts';

const refusal = { status: '12345', said: 'Endicia’s own words.' };
const at = new Date('2026-12-02T14:35:00Z');

/** Parameters for every code: a code added to the table without a sample here fails to compile. */
const SAMPLES: { [C in FailureCode]: FailureParams<C> } = {
  INTERNAL: [{ purchase: false }],
  INVALID_INPUT: [{ message: 'Enter the pass phrase.', field: 'passPhrase' }],
  PASS_PHRASE_REQUIRED: [{ blocked: true }],
  REMEMBER_FAILED: [{ remember: true }],
  SPENDING_REFUSED: [{ message: 'That is over your daily limit (24 hours).', atAmount: true }],
  JOURNAL_UNAVAILABLE: [],
  PURCHASE_ALREADY_REFUSED: [{ said: null }],
  PURCHASE_ANSWER_LOST: [],
  PURCHASE_UNCONFIRMED: [{ balanceMils: 41_200 }],
  ENDICIA_UNAVAILABLE: [{ malformed: false }],
  PASS_PHRASE_CHANGE_UNANSWERED: [],
  ATTEMPT_NOT_RECORDED: [],
  REMEMBERED_LOGIN_UNUSABLE: [],
  PASS_PHRASE_ATTEMPTS_HELD: [{ accountId: '2500334', until: at, refused: 3 }],
  PASS_PHRASE_TEMPORARY: [],
  ENDICIA_UNKNOWN_ACCOUNT: [refusal],
  ENDICIA_WRONG_PASS_PHRASE: [refusal],
  ENDICIA_WRONG_PASS_PHRASE_COUNTED: [
    { ...refusal, accountId: '2500334', refusals: 2, triesLeft: 3, heldUntil: null },
  ],
  ENDICIA_SUSPENDED_BAD_LOGINS: [{ ...refusal, accountId: null }],
  ENDICIA_ACCOUNT_STATE: [refusal],
  ENDICIA_AMOUNT: [refusal],
  ENDICIA_PASS_PHRASE_REUSED: [refusal],
  ENDICIA_PAYMENT: [refusal],
  ENDICIA_NEW_PASS_PHRASE_INVALID: [refusal],
  ENDICIA_INVALID_REQUEST: [refusal],
  ENDICIA_SERVICE: [refusal],
};

const make = <C extends FailureCode>(code: C) => failure(code, ...SAMPLES[code]);

/** What building a Failure by hand looks like: a failure kind in an object literal, or FlowError({...}). */
const HAND_MADE = [
  /\bkind:\s*'(authentication|account-state|amount|pass-phrase-reused|payment|service|unavailable|invalid|internal)'/,
  /new FlowError\(\s*\{/,
  /\{\s*\.\.\.[\w.]*failure\s*,/i,
];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

describe('the failure table', () => {
  it('gives every code a kind and a non-empty sentence, keyed by its own name unless Endicia’s status', () => {
    expect(FAILURE_CODES).toHaveLength(Object.keys(SAMPLES).length);
    for (const code of FAILURE_CODES) {
      const made = make(code);
      expect(made.message.trim(), code).not.toBe('');
      expect(made.kind, code).toMatch(/^[a-z-]+$/);
      expect([code, refusal.status, 'ENDICIA_UNAVAILABLE'], code).toContain(made.code);
    }
  });

  it('writes each sentence once: no two codes show the same words', () => {
    const byMessage = new Map<string, FailureCode>();
    for (const code of FAILURE_CODES) {
      const { message } = make(code);
      expect(byMessage.get(message), `${code} repeats a sentence`).toBeUndefined();
      byMessage.set(message, code);
    }
  });

  it('the never-shown lost-answer failure says what an unconfirmed purchase with no balance says', () => {
    expect(lostPurchaseAnswer().failure.message).toBe(
      failure('PURCHASE_UNCONFIRMED', { balanceMils: null }).message,
    );
  });

  it('has one internal fallback, which says "nothing was bought" only for a purchase', () => {
    expect(toFailure(new Error('boom'))).toEqual(failure('INTERNAL', { purchase: false }));
    expect(failure('INTERNAL', { purchase: false }).message).not.toMatch(/nothing was bought/i);
    expect(failure('INTERNAL', { purchase: true }).message).toMatch(/nothing was bought/i);
  });

  it('uses the machine’s notices for a failed remember or forget, not a second wording', () => {
    expect(failure('REMEMBER_FAILED', { remember: true }).message).toBe(notices.rememberFailed);
    expect(failure('REMEMBER_FAILED', { remember: false }).message).toBe(notices.forgetFailed);
  });

  it('is the only place in src/ that builds a user-facing Failure', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const name = relative(SRC, file).replaceAll('\\', '/');
      if (name === TABLE) continue;
      const code = await readFile(file, 'utf8');
      for (const pattern of HAND_MADE) if (pattern.test(code)) offenders.push(`${name}: ${pattern.source}`);
    }
    expect(offenders).toEqual([]);
  });
});
