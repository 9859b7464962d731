import { describe, expect, it } from 'vitest';
import { EndiciaApiError, EndiciaUnavailableError } from '../../src/endicia/errors.ts';
import {
  parseAccountStatusResponse,
  parseChangePassPhraseResponse,
  parseRecreditResponse,
} from '../../src/endicia/responses.ts';
import { elsFixture } from '../helpers/els-fixtures.ts';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const statusWith = (balance: string) =>
  `<AccountStatusResponse xmlns="www.envmgr.com/LabelService"><Status>0</Status><CertifiedIntermediary>` +
  `<AccountID>2512345</AccountID><SerialNumber>3</SerialNumber><PostageBalance>${balance}</PostageBalance>` +
  `<AscendingBalance>0</AscendingBalance><AccountStatus>A</AccountStatus></CertifiedIntermediary></AccountStatusResponse>`;

describe('parseRecreditResponse', () => {
  it('reads the recorded ENDPOST success (legacy shape: no TransactionID, no ControlRegister)', () => {
    expect(parseRecreditResponse(elsFixture('endpost-buy-postage-success.xml'), 'req-1')).toEqual({
      requestId: 'req-1',
      transactionId: null,
      balanceMils: 30_000,
      ascendingBalanceMils: 0,
      controlRegisterMils: null,
      serialNumber: 0,
    });
  });

  it('reads the wsdl2021 shape with TransactionID, ControlRegister and 3-decimal mils', () => {
    expect(parseRecreditResponse(elsFixture('wsdl2021-buy-postage-success.xml'), 'wiz-buy-7')).toEqual({
      requestId: 'wiz-buy-7',
      transactionId: '123456789012',
      balanceMils: 125_250,
      ascendingBalanceMils: 125,
      controlRegisterMils: 125_375,
      serialNumber: 17,
    });
  });

  it('turns the recorded 12118 into an amount error and never reads its zeroed balances', () => {
    const error = thrown(() => parseRecreditResponse(elsFixture('endpost-buy-postage-error.xml'), 'r'));
    expect(error).toBeInstanceOf(EndiciaApiError);
    expect(error).toMatchObject({
      code: 'ENDICIA_AMOUNT',
      op: 'BuyPostage',
      status: 12118,
      category: 'amount',
      endiciaMessage: 'The purchase amount is too low.',
      logId: '45220',
    });
    expect(Object.keys(error as object)).not.toContain('balanceMils');
  });
});

describe('parseAccountStatusResponse', () => {
  const expected = {
    accountId: '2512345',
    balanceMils: 41_200,
    ascendingBalanceMils: 58_800,
    serialNumber: 17,
    accountStatus: 'A',
    deviceId: '071S02512345',
    controlRegisterMils: 100_000,
  };

  it('reads the wsdl2021 shape, ignoring Address, repeated Feature and the nested AccountStatus block', () => {
    expect(parseAccountStatusResponse(elsFixture('wsdl2021-account-status.xml'))).toEqual(expected);
  });

  it('reads a prefixed namespace with elements in another order and unknown elements', () => {
    expect(parseAccountStatusResponse(elsFixture('account-status-prefixed.xml'))).toEqual(expected);
  });

  it('reads a document without namespace; an xsi:nil DeviceID is null', () => {
    expect(parseAccountStatusResponse(elsFixture('account-status-plain.xml'))).toEqual({
      ...expected,
      deviceId: null,
    });
  });

  it('reads the DOC13 core shape: ControlRegister absent → null', () => {
    expect(parseAccountStatusResponse(elsFixture('doc13-account-status.xml'))).toMatchObject({
      accountId: '123456',
      balanceMils: 76_550,
      ascendingBalanceMils: 123_450,
      serialNumber: 1234,
      deviceId: '071V00123456',
      controlRegisterMils: null,
    });
  });

  it.each([
    ['30', 30_000],
    ['76.5', 76_500],
    ['125.25', 125_250],
    ['0.125', 125],
    ['0', 0],
    ['25.000', 25_000],
  ])('reads the balance %s exactly as %d mils', (text, mils) => {
    expect(parseAccountStatusResponse(statusWith(text)).balanceMils).toBe(mils);
  });

  it.each(['1e3', '1,234.50', '12.3456', 'NaN', ''])('rejects the balance %j as malformed', (text) => {
    const error = thrown(() => parseAccountStatusResponse(statusWith(text)));
    expect(error).toBeInstanceOf(EndiciaUnavailableError);
    expect(error).toMatchObject({ reason: 'malformed', op: 'GetAccountStatus' });
    expect((error as Error).message).toContain('CertifiedIntermediary/PostageBalance');
  });

  it('treats an error answer as an error even though it is a well-formed document', () => {
    const xml =
      '<AccountStatusResponse><Status>12101</Status><ErrorMessage>The Certified Intermediary’s account number is ' +
      'invalid. Error encountered (Log ID: 12345)</ErrorMessage></AccountStatusResponse>';
    expect(thrown(() => parseAccountStatusResponse(xml))).toMatchObject({
      code: 'ENDICIA_AUTHENTICATION',
      field: 'accountId',
      status: 12101,
      logId: '12345',
    });
  });
});

describe('parseChangePassPhraseResponse', () => {
  it('accepts the recorded success', () => {
    expect(() =>
      parseChangePassPhraseResponse(elsFixture('endpost-change-pass-phrase-success.xml')),
    ).not.toThrow();
  });

  it('turns the recorded 12507 (U+2019 apostrophe) into an authentication error on the pass phrase', () => {
    const error = thrown(() =>
      parseChangePassPhraseResponse(elsFixture('endpost-change-pass-phrase-error.xml')),
    );
    expect(error).toMatchObject({
      code: 'ENDICIA_AUTHENTICATION',
      category: 'authentication',
      field: 'passPhrase',
      status: 12507,
      endiciaMessage: 'The Certified Intermediary’s pass phrase is incorrect.',
      logId: '38422',
      op: 'ChangePassPhrase',
    });
  });

  it('scrubs a pass phrase that an error message would echo', () => {
    const xml =
      '<ChangePassPhraseRequestResponse><Status>101</Status><ErrorMessage>bad value fake phrase 1</ErrorMessage>' +
      '</ChangePassPhraseRequestResponse>';
    const error = thrown(() =>
      parseChangePassPhraseResponse(xml, { secrets: ['fake phrase 1'] }),
    ) as EndiciaApiError;
    expect(error.endiciaMessage).toBe('bad value [redacted]');
    expect(error.message.includes('fake phrase 1')).toBe(false);
  });
});

describe('malformed answers', () => {
  const success = elsFixture('endpost-buy-postage-success.xml');
  it.each([
    ['truncated in an element', success.slice(0, 300)],
    ['truncated before the closing root', success.slice(0, success.lastIndexOf('</'))],
    ['empty', ''],
    ['not XML', 'Service Unavailable'],
    ['an XHTML error page (well-formed XML, wrong root)', elsFixture('iis-error-page.html')],
    ['the wrong root', success.replace(/RecreditRequestResponse/g, 'AccountStatusResponse')],
    ['no Status', success.replace('<Status>0</Status>', '')],
    ['a non-numeric Status', success.replace('<Status>0</Status>', '<Status>ok</Status>')],
    ['two Status elements', success.replace('<Status>0</Status>', '<Status>0</Status><Status>0</Status>')],
    [
      'no CertifiedIntermediary',
      success.replace(/<CertifiedIntermediary>[\s\S]*<\/CertifiedIntermediary>/, ''),
    ],
  ])('%s → EndiciaUnavailableError malformed', (_name, xml) => {
    const error = thrown(() => parseRecreditResponse(xml, 'r'));
    expect(error).toBeInstanceOf(EndiciaUnavailableError);
    expect(error).toMatchObject({ code: 'ENDICIA_UNAVAILABLE', reason: 'malformed', outcomeUnknown: true });
  });
});
