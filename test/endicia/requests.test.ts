import { describe, expect, it } from 'vitest';
import {
  buildAccountStatusRequest,
  buildChangePassPhraseRequest,
  buildRecreditRequest,
} from '../../src/endicia/requests.ts';
import { parseXml } from '../../src/endicia/xml.ts';
import { FAKE_PASS_PHRASES } from '../helpers/els-fixtures.ts';

const envelope = (passPhrase: string) => ({
  requesterId: 'lxxx',
  requestId: 'wiz-1',
  credentials: { accountId: '2512345', passPhrase },
});

interface RequestShape {
  RequesterID: string;
  RequestID: string;
  CertifiedIntermediary: { AccountID: string; PassPhrase: string };
  RecreditAmount?: string;
  NewPassPhrase?: string;
}

function content(xml: string, root: string): RequestShape {
  const doc = parseXml(xml);
  expect(doc?.root).toBe(root);
  return doc?.content as RequestShape;
}

describe('request builders', () => {
  it('escapes XML specials in the pass phrase and round-trips it exactly', () => {
    const xml = buildAccountStatusRequest(envelope(FAKE_PASS_PHRASES.simple));
    // Boolean checks: a failure must not print a pass phrase, not even a fake one.
    expect(xml.includes('<PassPhrase>a&lt;b&gt;&amp;')).toBe(true);
    expect(xml.includes(FAKE_PASS_PHRASES.simple)).toBe(false);
    const ci = content(xml, 'AccountStatusRequest').CertifiedIntermediary;
    expect(ci.PassPhrase === FAKE_PASS_PHRASES.simple).toBe(true);
    expect(ci.AccountID).toBe('2512345');
  });

  it('builds AccountStatusRequest with ResponseVersion 0 and the ids', () => {
    const xml = buildAccountStatusRequest(envelope('x y'));
    expect(xml.startsWith('<AccountStatusRequest ResponseVersion="0">')).toBe(true);
    expect(content(xml, 'AccountStatusRequest')).toMatchObject({ RequesterID: 'lxxx', RequestID: 'wiz-1' });
  });

  it('builds RecreditRequest with the amount as dollars and two decimals', () => {
    const doc = content(buildRecreditRequest({ ...envelope('x y'), amountMils: 25_000 }), 'RecreditRequest');
    expect(doc.RecreditAmount).toBe('25.00');
    const cents = content(
      buildRecreditRequest({ ...envelope('x y'), amountMils: 1_234_560 }),
      'RecreditRequest',
    );
    expect(cents.RecreditAmount).toBe('1234.56');
  });

  it('builds ChangePassPhraseRequest with both phrases escaped and no token requested', () => {
    const xml = buildChangePassPhraseRequest({
      ...envelope(FAKE_PASS_PHRASES.full),
      newPassPhrase: FAKE_PASS_PHRASES.next,
    });
    expect(xml.startsWith('<ChangePassPhraseRequest TokenRequested="false">')).toBe(true);
    const doc = content(xml, 'ChangePassPhraseRequest');
    expect(doc.NewPassPhrase === FAKE_PASS_PHRASES.next).toBe(true);
    expect(doc.CertifiedIntermediary.PassPhrase === FAKE_PASS_PHRASES.full).toBe(true);
  });

  it('keeps leading and trailing spaces of a pass phrase', () => {
    const xml = buildAccountStatusRequest(envelope('  spaced out  '));
    expect(xml.includes('<PassPhrase>  spaced out  </PassPhrase>')).toBe(true);
  });
});
