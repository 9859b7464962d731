import type { SimAccount } from './accounts.ts';
import type { OpResult, SimContext } from './context.ts';
import { formatDecimal } from './decimals.ts';
import type { ElsRequest } from './request-reader.ts';
import type { SimOperation } from './types.ts';
import { writeAnswer, type XmlElement } from './xml-writer.ts';

/** Response root of each operation. */
export const ANSWER_ROOTS = {
  GetAccountStatus: 'AccountStatusResponse',
  BuyPostage: 'RecreditRequestResponse',
  ChangePassPhrase: 'ChangePassPhraseRequestResponse',
} as const satisfies Record<SimOperation, string>;

/** Money as this server prints it. */
export function money(ctx: SimContext, mils: number): string {
  return formatDecimal(mils, ctx.settings.decimalStyle);
}

/** The CertifiedIntermediary status block of a success answer. */
export function certifiedIntermediary(ctx: SimContext, account: SimAccount): XmlElement {
  return [
    'CertifiedIntermediary',
    [
      ['AccountID', account.accountId],
      ['SerialNumber', String(account.serialNumber)],
      ['PostageBalance', money(ctx, account.balanceMils)],
      ['AscendingBalance', money(ctx, account.ascendingBalanceMils)],
      ['AccountStatus', 'A'],
      ['DeviceID', account.deviceId],
    ],
  ];
}

// Value-typed members are always serialised, so error answers carry zeroed figures (the 2015 cassette).
function errorTail(ctx: SimContext, op: SimOperation): XmlElement[] {
  const wsdl2021 = ctx.settings.shape === 'wsdl2021';
  if (op === 'BuyPostage') {
    const zeroed: XmlElement = [
      'CertifiedIntermediary',
      [
        ['SerialNumber', '-1'],
        ['PostageBalance', '0'],
        ['AscendingBalance', '0'],
      ],
    ];
    return wsdl2021 ? [zeroed, ['TransactionID', '0'], ['ControlRegister', '0']] : [zeroed];
  }
  if (op === 'GetAccountStatus' && wsdl2021) return accountStatusTail('0');
  return [];
}

/** The wsdl2021 value-type tail of AccountStatusResponse. */
export function accountStatusTail(controlRegister: string): XmlElement[] {
  return [
    ['AccountType', 'USPS'],
    ['ApprovedShipper', 'false'],
    ['ConsolidatorServices', 'false'],
    ['InsuranceAgreement', 'false'],
    ['ControlRegister', controlRegister],
  ];
}

/**
 * Writes an operation's answer. Success echoes RequesterID/RequestID as sent; an error carries Status,
 * ErrorMessage with the "Error encountered (Log ID: N)" suffix, no IDs, and the zeroed value-type fields.
 */
export function answerXml(
  ctx: SimContext,
  op: SimOperation,
  request: ElsRequest | undefined,
  result: OpResult,
): string {
  const root = ANSWER_ROOTS[op];
  if (!result.ok) {
    const message = `${result.message} Error encountered (Log ID: ${ctx.nextLogId()})`;
    return writeAnswer(root, [
      ['Status', String(result.status)],
      ['ErrorMessage', message],
      ...errorTail(ctx, op),
    ]);
  }
  const echoed: XmlElement[] = [];
  for (const name of ['RequesterID', 'RequestID']) {
    const value = request?.text(name);
    if (value !== undefined) echoed.push([name, value]);
  }
  return writeAnswer(root, [['Status', '0'], ...echoed, ...result.body]);
}
