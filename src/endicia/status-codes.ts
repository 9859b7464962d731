/** How the bot should read an Endicia `Status` code. */
export type EndiciaErrorCategory =
  | 'authentication'
  | 'account-state'
  | 'amount'
  | 'pass-phrase-reused'
  | 'payment'
  | 'service'
  | 'invalid-request'
  | 'other';

/** Which credential field a status blames, so the bot can put the message under that input. */
export type CredentialField = 'passPhrase' | 'accountId';

/** What one Status code means to us. */
export interface StatusMeaning {
  category: EndiciaErrorCategory;
  field: CredentialField | null;
  needsPassPhraseReset: boolean;
}

// Codes from the ELS guide's appendix B (docs/endicia-els.md §8). Everything not listed falls back below.
const TABLE: ReadonlyMap<number, EndiciaErrorCategory> = new Map<number, EndiciaErrorCategory>([
  [12507, 'authentication'],
  [12101, 'authentication'],
  ...[2010, 2011, 2012, 2013, 2014, 2015, 12103, 12525].map((code) => [code, 'account-state'] as const),
  ...[1020, 12001, 12118, 12119].map((code) => [code, 'amount'] as const),
  [12669, 'pass-phrase-reused'],
  ...[12116, 12117, 12120, 12128, 12129, 12131, 12132].map((code) => [code, 'payment'] as const),
  ...[101, 102, 11451, 11452, 11453, 12100, 12121, 12124, 12130, 12133, 12134, 12136, 100002].map(
    (code) => [code, 'service'] as const,
  ),
  ...[1001, 1002, 12125, 12201, 100003].map((code) => [code, 'invalid-request'] as const),
]);

const FIELDS: ReadonlyMap<number, CredentialField> = new Map([
  [12507, 'passPhrase'],
  [12101, 'accountId'],
]);

/** Maps a non-zero Status to its category; unlisted 121xx codes are the card/purchase family (payment). */
export function statusMeaning(status: number): StatusMeaning {
  const listed = TABLE.get(status);
  const category = listed ?? (status >= 12100 && status <= 12199 ? 'payment' : 'other');
  return { category, field: FIELDS.get(status) ?? null, needsPassPhraseReset: status === 2011 };
}
