import { describe, expect, it } from 'vitest';
import { elsFixture } from '../../helpers/els-fixtures.ts';
import { startSimulator } from '../../helpers/els-simulator.ts';

// The request bodies exactly as the ENDPOST gem sent them to elstestserver in May 2015 (alfius/endpost VCR
// cassettes): pretty-printed XML with leading whitespace, RequestID 0, account 1234567 / current_password.
const cassettes = {
  buySuccess:
    'recreditRequestXML=%0A%20%20%20%20%20%20%3CRecreditRequest%3E%0A%20%20%20%20%20%20%20%20%3CRequesterID%3Elxxx%3C%2FRequesterID%3E%0A%20%20%20%20%20%20%20%20%3CRequestID%3E0%3C%2FRequestID%3E%0A%20%20%20%20%20%20%20%20%3CCertifiedIntermediary%3E%0A%20%20%20%20%20%20%20%20%20%20%3CAccountID%3E1234567%3C%2FAccountID%3E%0A%20%20%20%20%20%20%20%20%20%20%3CPassPhrase%3Ecurrent_password%3C%2FPassPhrase%3E%0A%20%20%20%20%20%20%20%20%3C%2FCertifiedIntermediary%3E%0A%20%20%20%20%20%20%20%20%3CRecreditAmount%3E10%3C%2FRecreditAmount%3E%0A%20%20%20%20%20%20%3C%2FRecreditRequest%3E',
  buyError:
    'recreditRequestXML=%0A%20%20%20%20%20%20%3CRecreditRequest%3E%0A%20%20%20%20%20%20%20%20%3CRequesterID%3Elxxx%3C%2FRequesterID%3E%0A%20%20%20%20%20%20%20%20%3CRequestID%3E0%3C%2FRequestID%3E%0A%20%20%20%20%20%20%20%20%3CCertifiedIntermediary%3E%0A%20%20%20%20%20%20%20%20%20%20%3CAccountID%3E1234567%3C%2FAccountID%3E%0A%20%20%20%20%20%20%20%20%20%20%3CPassPhrase%3Ecurrent_password%3C%2FPassPhrase%3E%0A%20%20%20%20%20%20%20%20%3C%2FCertifiedIntermediary%3E%0A%20%20%20%20%20%20%20%20%3CRecreditAmount%3E5%3C%2FRecreditAmount%3E%0A%20%20%20%20%20%20%3C%2FRecreditRequest%3E',
  changeError:
    'changePassPhraseRequestXML=%0A%20%20%20%20%20%20%20%20%3CChangePassPhraseRequest%3E%0A%20%20%20%20%20%20%20%20%20%20%3CRequesterID%3Elxxx%3C%2FRequesterID%3E%0A%20%20%20%20%20%20%20%20%20%20%3CRequestID%3E0%3C%2FRequestID%3E%0A%20%20%20%20%20%20%20%20%20%20%3CCertifiedIntermediary%3E%0A%20%20%20%20%20%20%20%20%20%20%20%20%3CAccountID%3E1234567%3C%2FAccountID%3E%0A%20%20%20%20%20%20%20%20%20%20%20%20%3CPassPhrase%3Enot_the_current_password%3C%2FPassPhrase%3E%0A%20%20%20%20%20%20%20%20%20%20%3C%2FCertifiedIntermediary%3E%0A%20%20%20%20%20%20%20%20%20%20%3CNewPassPhrase%3Enew_password%3C%2FNewPassPhrase%3E%0A%20%20%20%20%20%20%20%20%3C%2FChangePassPhraseRequest%3E',
  changeSuccess:
    'changePassPhraseRequestXML=%0A%20%20%20%20%20%20%20%20%3CChangePassPhraseRequest%3E%0A%20%20%20%20%20%20%20%20%20%20%3CRequesterID%3Elxxx%3C%2FRequesterID%3E%0A%20%20%20%20%20%20%20%20%20%20%3CRequestID%3E0%3C%2FRequestID%3E%0A%20%20%20%20%20%20%20%20%20%20%3CCertifiedIntermediary%3E%0A%20%20%20%20%20%20%20%20%20%20%20%20%3CAccountID%3E1234567%3C%2FAccountID%3E%0A%20%20%20%20%20%20%20%20%20%20%20%20%3CPassPhrase%3Ecurrent_password%3C%2FPassPhrase%3E%0A%20%20%20%20%20%20%20%20%20%20%3C%2FCertifiedIntermediary%3E%0A%20%20%20%20%20%20%20%20%20%20%3CNewPassPhrase%3Enew_password%3C%2FNewPassPhrase%3E%0A%20%20%20%20%20%20%20%20%3C%2FChangePassPhraseRequest%3E',
};

async function post(url: string, path: string, body: string) {
  const response = await fetch(`${url}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    length: response.headers.get('content-length'),
    text: await response.text(),
  };
}

const withoutLogId = (text: string) => text.replace(/\(Log ID: \d{5}\)/, '(Log ID: N)');

describe('ENDPOST cassettes replayed against the simulator (legacy2015 shape, DEMO account 1234567)', () => {
  it('reproduces all four recorded answers byte for byte (Log IDs aside)', async () => {
    const simulator = await startSimulator({ shape: 'legacy2015' });
    const buy = await post(simulator.url, 'BuyPostageXML', cassettes.buySuccess);
    expect(buy).toEqual({
      status: 200,
      type: 'text/xml; charset=utf-8',
      length: '602',
      text: elsFixture('endpost-buy-postage-success.xml'),
    });

    const low = await post(simulator.url, 'BuyPostageXML', cassettes.buyError);
    expect(low.length).toBe('528');
    expect(withoutLogId(low.text)).toBe(withoutLogId(elsFixture('endpost-buy-postage-error.xml')));

    const wrong = await post(simulator.url, 'ChangePassPhraseXML', cassettes.changeError);
    expect(wrong.length).toBe('393');
    expect(withoutLogId(wrong.text)).toBe(withoutLogId(elsFixture('endpost-change-pass-phrase-error.xml')));

    const changed = await post(simulator.url, 'ChangePassPhraseXML', cassettes.changeSuccess);
    expect(changed.text).toBe(elsFixture('endpost-change-pass-phrase-success.xml'));
  });

  it('the same purchase twice buys twice: RequestID is no idempotency key', async () => {
    const simulator = await startSimulator({ shape: 'legacy2015' });
    await post(simulator.url, 'BuyPostageXML', cassettes.buySuccess);
    const again = await post(simulator.url, 'BuyPostageXML', cassettes.buySuccess);
    expect(again.text).toContain('<PostageBalance>40</PostageBalance>');
    expect(simulator.account('1234567')?.recredits).toBe(2);
  });
});
