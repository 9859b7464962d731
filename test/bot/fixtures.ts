import type { ViewMeta } from '../../src/bot/views/index.ts';
import type { AccountView, Failure, PurchaseView, WizardContext } from '../../src/machine/index.ts';

/*
 * Wizard contexts as the machine leaves them on each page. Pass phrases are obviously fake, carry the
 * characters careless code breaks on, and a marker word so a leak is found in any escaping.
 * Never print them: assert with booleans (see `leaks`).
 */

export const PHRASE = `fake <pass> & "zqmarker-one" 'it'`;
export const NEW_PHRASE = `fake <new> & "zqmarker-two" 'it'`;
export const ACCOUNT = '2500001';
export const SESSION = 'sess-8f2c1d';
export const LABEL = 'SIMULATOR — no real postage';

/** True when `secret` (or its marker word) shows up in `json` in any encoding we could produce. */
export function leaks(json: string, secret: string): boolean {
  const marker = /zqmarker-\w+/.exec(secret)?.[0] ?? secret;
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    marker,
  ];
  return forms.some((form) => json.includes(form));
}

export function status(overrides: Partial<AccountView> = {}): AccountView {
  return {
    accountId: ACCOUNT,
    balanceMils: 1_234_500,
    accountStatus: 'A',
    serialNumber: 17,
    controlRegisterMils: 100_000,
    readAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function failure(field: Failure['field'], message = 'The pass phrase is incorrect.'): Failure {
  return { kind: 'authentication', code: '12507', message, field };
}

/** A fresh wizard on the account page: nothing remembered, nothing typed. */
export function freshContext(overrides: Partial<WizardContext> = {}): WizardContext {
  return {
    sessionId: SESSION,
    teamId: 'T0001',
    userId: 'U0001',
    channelId: 'C0001',
    entry: 'wizard',
    maxPurchaseCents: 50_000,
    serverUrl: 'https://elstestserver.endicia.com/LabelService/EwsLabelService.asmx',
    remembered: null,
    amountDraft: null,
    accountId: null,
    credentials: null,
    pendingPassPhrase: null,
    remember: false,
    reveal: false,
    status: null,
    amountCents: null,
    purchase: null,
    responseMessage: null,
    failure: null,
    notice: null,
    ...overrides,
  };
}

/** Opened by someone with a remembered account. */
export function rememberedContext(overrides: Partial<WizardContext> = {}): WizardContext {
  return freshContext({
    remembered: { accountId: ACCOUNT },
    accountId: ACCOUNT,
    remember: true,
    ...overrides,
  });
}

/** Logged in: the credentials (with the pass phrase) live in the context from here on. */
export function loggedInContext(overrides: Partial<WizardContext> = {}): WizardContext {
  return rememberedContext({
    credentials: { accountId: ACCOUNT, passPhrase: PHRASE },
    status: status(),
    notice: 'Your account number and pass phrase will be remembered for next time.',
    ...overrides,
  });
}

export function purchase(overrides: Partial<PurchaseView> = {}): PurchaseView {
  return {
    requestId: 'req-1',
    amountCents: 2_500,
    before: status(),
    transactionId: null,
    balanceAfterMils: null,
    message: null,
    outcome: null,
    confirmedBy: null,
    ...overrides,
  };
}

/** After Review: the purchase waits for confirmation. */
export function confirmingContext(overrides: Partial<WizardContext> = {}): WizardContext {
  return loggedInContext({ amountCents: 2_500, purchase: purchase(), notice: null, ...overrides });
}

/** After a purchase Endicia answered. */
export function doneContext(overrides: Partial<WizardContext> = {}): WizardContext {
  return confirmingContext({
    status: status({ balanceMils: 1_259_500 }),
    responseMessage: 'The purchase request has been submitted to Endicia.',
    purchase: purchase({
      transactionId: '9001',
      balanceAfterMils: 1_259_500,
      message: 'The purchase request has been submitted to Endicia.',
      outcome: 'confirmed',
      confirmedBy: 'endicia',
    }),
    ...overrides,
  });
}

/** The answer was lost and the balance did not prove the purchase. */
export function uncertainContext(balanceAfterMils: number | null): WizardContext {
  return confirmingContext({
    purchase: purchase({ balanceAfterMils, outcome: 'unconfirmed' }),
    failure: {
      kind: 'unavailable',
      code: 'PURCHASE_UNCONFIRMED',
      message: 'The purchase could not be confirmed.',
      field: null,
    },
  });
}

export function meta(overrides: Partial<ViewMeta> = {}): ViewMeta {
  return {
    sessionId: SESSION,
    environmentLabel: LABEL,
    revealedPassPhrase: null,
    rememberedAccountId: null,
    ...overrides,
  };
}
