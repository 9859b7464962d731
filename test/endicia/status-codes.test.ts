import { describe, expect, it } from 'vitest';
import { EndiciaApiError } from '../../src/endicia/errors.ts';
import { statusMeaning } from '../../src/endicia/status-codes.ts';

describe('Status → category', () => {
  it.each([
    [12507, 'authentication', 'ENDICIA_AUTHENTICATION'],
    [12101, 'authentication', 'ENDICIA_AUTHENTICATION'],
    ...[2010, 2011, 2012, 2013, 2014, 2015, 12103, 12525].map((s) => [
      s,
      'account-state',
      'ENDICIA_ACCOUNT_STATE',
    ]),
    ...[1020, 12001, 12118, 12119].map((s) => [s, 'amount', 'ENDICIA_AMOUNT']),
    [12669, 'pass-phrase-reused', 'ENDICIA_PASS_PHRASE_REUSED'],
    ...[12116, 12117, 12120, 12128, 12129, 12131, 12132, 12122, 12199].map((s) => [
      s,
      'payment',
      'ENDICIA_PAYMENT',
    ]),
    ...[101, 102, 12100, 12121, 12124, 12130, 12133, 12134, 12136, 100002].map((s) => [
      s,
      'service',
      'ENDICIA_SERVICE',
    ]),
    ...[1001, 1002, 12125, 12201, 100003].map((s) => [s, 'invalid-request', 'ENDICIA_INVALID_REQUEST']),
    ...[12500, 12514, 99, 1].map((s) => [s, 'other', 'ENDICIA_OTHER']),
  ] as Array<[number, string, string]>)('%d → %s (%s)', (status, category, code) => {
    expect(statusMeaning(status).category).toBe(category);
    const error = new EndiciaApiError('BuyPostage', status, 'text');
    expect(error).toMatchObject({ category, code, status, op: 'BuyPostage' });
  });

  it('names the field for 12507 and 12101 only', () => {
    expect(statusMeaning(12507).field).toBe('passPhrase');
    expect(statusMeaning(12101).field).toBe('accountId');
    expect(statusMeaning(12118).field).toBeNull();
  });

  it('flags 2011 as needing a pass phrase reset, and nothing else', () => {
    expect(new EndiciaApiError('BuyPostage', 2011, '').needsPassPhraseReset).toBe(true);
    expect(new EndiciaApiError('BuyPostage', 2012, '').needsPassPhraseReset).toBe(false);
  });
});

describe('EndiciaApiError message cleanup', () => {
  it.each([
    [
      'The purchase amount is too low. Error encountered (Log ID: 45220)',
      'The purchase amount is too low.',
      '45220',
    ],
    [
      'The Certified Intermediary pass phrase is Incorrect. Error encountered. (Log ID: 48792)',
      'The Certified Intermediary pass phrase is Incorrect.',
      '48792',
    ],
    [
      'Internal Endicia Error: [1234] timeout Error encountered (Log ID: 25037)',
      'Internal Endicia Error: timeout',
      '25037',
    ],
    ['No suffix here.', 'No suffix here.', null],
  ])('%j → %j', (raw, message, logId) => {
    const error = new EndiciaApiError('GetAccountStatus', 101, raw);
    expect(error.endiciaMessage).toBe(message);
    expect(error.logId).toBe(logId);
    expect(error.message).toBe(`GetAccountStatus: Endicia status 101 (${message})`);
  });
});
