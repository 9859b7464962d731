import { describe, expect, it } from 'vitest';
import { postForm, startSimulator } from '../../helpers/els-simulator.ts';

// A client that is not ours: plain fetch, hand-written XML, raw paths and field names, so the simulator is held to
// the protocol itself and not to whatever our client happens to do.

const PASS = `raw <client> & "phrase" 'z' + 5% = ok`;
const seed = { accountId: '2700001', passPhrase: PASS, balance: '115', maxBalance: '1000' };
const escaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ci = (passPhrase = PASS, accountId = '2700001') =>
  `<CertifiedIntermediary><AccountID>${accountId}</AccountID><PassPhrase>${escaped(passPhrase)}</PassPhrase></CertifiedIntermediary>`;
const statusRequest = (inner = ci()) =>
  `<AccountStatusRequest><RequesterID>lxxx</RequesterID><RequestID>raw-1</RequestID>${inner}</AccountStatusRequest>`;
const recredit = (amount: string, inner = ci()) =>
  `<RecreditRequest><RequesterID>lxxx</RequesterID><RequestID>raw-buy</RequestID>${inner}<RecreditAmount>${amount}</RecreditAmount></RecreditRequest>`;

function element(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

describe('raw ELS protocol', () => {
  it('answers POST GetAccountStatusXML as .NET does: 200 text/xml, declaration, namespaces, CRLF, echoed ids', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const answer = await postForm(simulator.url, 'GetAccountStatusXML', {
      accountStatusRequestXML: statusRequest(),
    });
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/xml; charset=utf-8');
    expect(
      answer.text.startsWith(
        '<?xml version="1.0" encoding="utf-8"?>\r\n<AccountStatusResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
          'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="www.envmgr.com/LabelService">\r\n  <Status>0</Status>\r\n',
      ),
    ).toBe(true);
    expect(answer.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(answer.text.endsWith('</AccountStatusResponse>')).toBe(true);
    expect(element(answer.text, 'RequesterID')).toBe('lxxx');
    expect(element(answer.text, 'RequestID')).toBe('raw-1');
    expect(element(answer.text, 'PostageBalance')).toBe('115');
    expect(answer.text).toContain(
      '  <AccountType>USPS</AccountType>\r\n  <ApprovedShipper>false</ApprovedShipper>\r\n' +
        '  <ConsolidatorServices>false</ConsolidatorServices>\r\n  <InsuranceAgreement>false</InsuranceAgreement>\r\n' +
        '  <ControlRegister>115</ControlRegister>\r\n',
    );
  });

  it.each(['accountStatusRequestXML', 'AccountStatusRequestXML', 'ACCOUNTSTATUSREQUESTXML'])(
    'reads the form field %s in any case',
    async (field) => {
      const simulator = await startSimulator({ accounts: [seed] });
      const answer = await postForm(simulator.url, 'GetAccountStatusXML', { [field]: statusRequest() });
      expect(element(answer.text, 'Status')).toBe('0');
    },
  );

  it('serves GET with the document in the query string', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const query = new URLSearchParams({ recreditRequestXML: recredit('10.25') });
    const response = await fetch(`${simulator.url}/BuyPostageXML?${query}`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(element(text, 'Status')).toBe('0');
    expect(element(text, 'PostageBalance')).toBe('125.25');
  });

  it('a wrong pass phrase: 12507 with U+2019 and a Log ID, no RequesterID/RequestID', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const answer = await postForm(simulator.url, 'GetAccountStatusXML', {
      accountStatusRequestXML: statusRequest(ci('RAW <CLIENT>')),
    });
    expect(element(answer.text, 'Status')).toBe('12507');
    expect(element(answer.text, 'ErrorMessage')).toMatch(
      /^The Certified Intermediary\u2019s pass phrase is incorrect\. Error encountered \(Log ID: \d{5}\)$/,
    );
    expect(answer.text).not.toContain('RequesterID');
    expect(answer.text).not.toContain('RequestID');
    expect(answer.text).not.toContain('CertifiedIntermediary');
    expect(answer.text).toContain('<ControlRegister>0</ControlRegister>');
  });

  it('a refused purchase carries the zeroed CertifiedIntermediary block (wsdl2021: + TransactionID/ControlRegister 0)', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const answer = await postForm(simulator.url, 'BuyPostageXML', { recreditRequestXML: recredit('5') });
    expect(answer.text).toContain(
      '  <Status>12118</Status>\r\n' +
        '  <ErrorMessage>The purchase amount is too low. Error encountered (Log ID: ',
    );
    expect(answer.text).toContain(
      '  <CertifiedIntermediary>\r\n    <SerialNumber>-1</SerialNumber>\r\n    <PostageBalance>0</PostageBalance>\r\n' +
        '    <AscendingBalance>0</AscendingBalance>\r\n  </CertifiedIntermediary>\r\n' +
        '  <TransactionID>0</TransactionID>\r\n  <ControlRegister>0</ControlRegister>\r\n</RecreditRequestResponse>',
    );
  });

  it('distinct Log IDs per error answer', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const ids = new Set<string | undefined>();
    for (let i = 0; i < 3; i += 1) {
      const answer = await postForm(simulator.url, 'BuyPostageXML', { recreditRequestXML: recredit('5') });
      ids.add(/Log ID: (\d{5})/.exec(answer.text)?.[1]);
    }
    expect(ids.size).toBe(3);
  });

  it.each([
    ['abc', '1001', 'Missing or invalid data element: RecreditAmount'],
    ['', '1001', 'Missing or invalid data element: RecreditAmount'],
    ['0', '1020', 'RecreditAmount must be greater than zero and less than $100,000.'],
    ['-5', '1020', 'RecreditAmount must be greater than zero and less than $100,000.'],
    ['100000', '1020', 'RecreditAmount must be greater than zero and less than $100,000.'],
    ['0.004', '1020', 'RecreditAmount must be greater than zero and less than $100,000.'],
    ['9.994', '12118', 'The purchase amount is too low.'],
    ['500.01', '12119', 'The purchase amount exceeds the account\u2019s purchase limit.'],
  ])('RecreditAmount %j → %s', async (amount, status, message) => {
    const simulator = await startSimulator({ accounts: [seed] });
    const answer = await postForm(simulator.url, 'BuyPostageXML', { recreditRequestXML: recredit(amount) });
    expect(element(answer.text, 'Status')).toBe(status);
    expect(element(answer.text, 'ErrorMessage')?.startsWith(`${message} Error encountered`)).toBe(true);
  });

  it.each([
    ['9.995', '125'],
    [' 10 ', '125'],
    ['10.', '125'],
    ['25.50', '140.5'],
    ['10.125', '125.13'],
  ])('RecreditAmount %j is rounded half-up to cents → balance %s', async (amount, balance) => {
    const simulator = await startSimulator({ accounts: [seed] });
    const answer = await postForm(simulator.url, 'BuyPostageXML', { recreditRequestXML: recredit(amount) });
    expect(element(answer.text, 'PostageBalance')).toBe(balance);
  });

  it('accepts namespaces, prefixes, other element order, unknown elements and attributes', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const documents = [
      `<?xml version="1.0" encoding="utf-8"?>\n<AccountStatusRequest xmlns="www.envmgr.com/LabelService" ResponseVersion="1" Test="YES">` +
        `<CertifiedIntermediary><PassPhrase>${escaped(PASS)}</PassPhrase><AccountID>2700001</AccountID></CertifiedIntermediary>` +
        `<Unknown><Deep>1</Deep></Unknown><RequestID>ns</RequestID><RequesterID>lxxx</RequesterID></AccountStatusRequest>`,
      `<e:AccountStatusRequest xmlns:e="www.envmgr.com/LabelService"><e:RequesterID>lxxx</e:RequesterID>` +
        `<e:CertifiedIntermediary><e:AccountID>2700001</e:AccountID><e:PassPhrase>${escaped(PASS)}</e:PassPhrase>` +
        `</e:CertifiedIntermediary></e:AccountStatusRequest>`,
      `\n      <AccountStatusRequest TokenRequested="false">\n        <RequesterID>lxxx</RequesterID>\n        ${ci()}\n      </AccountStatusRequest>`,
    ];
    for (const document of documents) {
      const answer = await postForm(simulator.url, 'GetAccountStatusXML', {
        accountStatusRequestXML: document,
      });
      expect(element(answer.text, 'Status')).toBe('0');
    }
  });

  it('decodes numeric character references in a pass phrase', async () => {
    const simulator = await startSimulator({ accounts: [{ ...seed, passPhrase: "it's \u2019 fine" }] });
    const answer = await postForm(simulator.url, 'GetAccountStatusXML', {
      accountStatusRequestXML: statusRequest(
        ci('it&#39;s &#x2019; fine').replace('&amp;#', '&#').replace('&amp;#', '&#'),
      ),
    });
    expect(element(answer.text, 'Status')).toBe('0');
  });

  it.each([
    ['unparsable XML', '<AccountStatusRequest><RequesterID>lxxx</RequesterID>', '12201'],
    ['the wrong root', recredit('10'), '12201'],
    ['not XML at all', 'hello', '12201'],
    ['no RequesterID', `<AccountStatusRequest>${ci()}</AccountStatusRequest>`, '1001'],
    [
      'an over-long RequesterID',
      `<AccountStatusRequest><RequesterID>${'x'.repeat(51)}</RequesterID>${ci()}</AccountStatusRequest>`,
      '1001',
    ],
    ['no AccountID', '<AccountStatusRequest><RequesterID>lxxx</RequesterID></AccountStatusRequest>', '1001'],
    ['an unknown account', statusRequest(ci(PASS, '2799999')), '12101'],
    [
      'no PassPhrase',
      statusRequest('<CertifiedIntermediary><AccountID>2700001</AccountID></CertifiedIntermediary>'),
      '1001',
    ],
    [
      'ResponseVersion 2',
      statusRequest().replace('<AccountStatusRequest>', '<AccountStatusRequest ResponseVersion="2">'),
      '1001',
    ],
  ])('%s → Status %s', async (_name, document, status) => {
    const simulator = await startSimulator({ accounts: [seed] });
    const answer = await postForm(simulator.url, 'GetAccountStatusXML', {
      accountStatusRequestXML: document,
    });
    expect(answer.status).toBe(200);
    expect(element(answer.text, 'Status')).toBe(status);
    expect(answer.text).toContain('<AccountStatusResponse ');
  });

  it('a missing form field → HTTP 500 text/plain "Missing parameter: x."', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const answer = await postForm(simulator.url, 'BuyPostageXML', { somethingElse: recredit('10') });
    expect(answer).toEqual({
      status: 500,
      type: 'text/plain; charset=utf-8',
      text: 'Missing parameter: recreditRequestXML.',
    });
  });

  it('unknown paths → 404, other methods → 405', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    expect((await postForm(simulator.url, 'GetPostageLabelXML', {})).status).toBe(404);
    expect((await fetch(simulator.url.replace('/LabelService/EwsLabelService.asmx', '/other'))).status).toBe(
      404,
    );
    const put = await fetch(`${simulator.url}/BuyPostageXML`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });

  it('ChangePassPhrase: length 5–64 (else 1001), token on TokenRequested="true", usable instead of the phrase', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const change = (next: string, attributes = '') =>
      postForm(simulator.url, 'ChangePassPhraseXML', {
        ChangePassPhraseRequestXML:
          `<ChangePassPhraseRequest${attributes}><RequesterID>lxxx</RequesterID><RequestID>c</RequestID>` +
          `${ci(simulator.account('2700001')?.passPhrase)}<NewPassPhrase>${escaped(next)}</NewPassPhrase></ChangePassPhraseRequest>`,
      });
    expect(element((await change('four')).text, 'Status')).toBe('1001');
    expect(element((await change('x'.repeat(65))).text, 'ErrorMessage')).toMatch(
      /^Missing or invalid data element: NewPassPhrase/,
    );
    const success = await change('x'.repeat(64), ' TokenRequested="true"');
    expect(success.text).toContain(
      '  <Status>0</Status>\r\n  <RequesterID>lxxx</RequesterID>\r\n  <RequestID>c</RequestID>\r\n  <Token>',
    );
    const token = element(success.text, 'Token') ?? '';
    expect(token.length).toBeGreaterThan(10);
    expect(token.length).toBeLessThanOrEqual(50);
    expect(element((await change('five!')).text, 'Token')).toBeUndefined();
    const byToken = await postForm(simulator.url, 'GetAccountStatusXML', {
      accountStatusRequestXML: statusRequest(
        `<CertifiedIntermediary><Token>${token}</Token></CertifiedIntermediary>`,
      ),
    });
    expect(element(byToken.text, 'Status')).toBe('0');
    const badToken = await postForm(simulator.url, 'GetAccountStatusXML', {
      accountStatusRequestXML: statusRequest(
        '<CertifiedIntermediary><Token>nope</Token></CertifiedIntermediary>',
      ),
    });
    expect(element(badToken.text, 'Status')).toBe('12507');
  });
});
