/*
 * The notices the machine writes. Every failure's sentence, the machine's and the hosts', is in
 * failures.ts. None of these ever quotes user input.
 */

export const notices = {
  remembered: 'Your account number and pass phrase will be remembered for next time.',
  forgotten: 'Your remembered account number and pass phrase were forgotten.',
  rememberFailed: 'You are logged in, but your account could not be remembered this time.',
  forgetFailed:
    'You are logged in, but your remembered pass phrase could not be forgotten; try /postage forget.',
  passPhraseChanged: (accountId: string): string =>
    `The pass phrase of account ${accountId} was changed. Update every other app that uses this account.`,
} as const;
