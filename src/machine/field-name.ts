/** The form fields a failure may point at; the bot maps each to its input block. */
export type FieldName =
  | 'accountId'
  | 'passPhrase'
  | 'amount'
  | 'currentPassPhrase'
  | 'newPassPhrase'
  | 'confirmPassPhrase';
