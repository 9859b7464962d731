import { type Mils, toDecimalString } from '../lib/money.ts';
import type { EndiciaCredentials } from './types.ts';
import { ATTRIBUTE_PREFIX, buildXml, type XmlTree } from './xml.ts';

/** What every request carries. */
export interface RequestEnvelope {
  requesterId: string;
  requestId: string;
  credentials: EndiciaCredentials;
}

function common({ requesterId, requestId, credentials }: RequestEnvelope): XmlTree {
  return {
    RequesterID: requesterId,
    RequestID: requestId,
    CertifiedIntermediary: { AccountID: credentials.accountId, PassPhrase: credentials.passPhrase },
  };
}

/** `AccountStatusRequest` for GetAccountStatusXML (ResponseVersion 0, the documented default). */
export function buildAccountStatusRequest(envelope: RequestEnvelope): string {
  return buildXml('AccountStatusRequest', {
    [`${ATTRIBUTE_PREFIX}ResponseVersion`]: '0',
    ...common(envelope),
  });
}

/** `RecreditRequest` for BuyPostageXML; the amount goes out as dollars with two decimals (`25.00`). */
export function buildRecreditRequest(envelope: RequestEnvelope & { amountMils: Mils }): string {
  return buildXml('RecreditRequest', {
    ...common(envelope),
    RecreditAmount: toDecimalString(envelope.amountMils),
  });
}

/** `ChangePassPhraseRequest` for ChangePassPhraseXML; no token is requested. */
export function buildChangePassPhraseRequest(envelope: RequestEnvelope & { newPassPhrase: string }): string {
  return buildXml('ChangePassPhraseRequest', {
    [`${ATTRIBUTE_PREFIX}TokenRequested`]: 'false',
    ...common(envelope),
    NewPassPhrase: envelope.newPassPhrase,
  });
}
