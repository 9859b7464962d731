import { type Actor, createActor, waitFor } from 'xstate';
import type {
  AccountView,
  BuyPostageInput,
  BuyPostageOutput,
  ChangePassPhraseInput,
  Failure,
  ReconcilePurchaseInput,
  ReconcilePurchaseOutput,
  SaveRememberPreferenceInput,
  VerifyAccountInput,
  VerifyAccountOutput,
  WizardInput,
  WizardMachine,
  WizardSnapshot,
} from '../../src/machine/index.ts';
import { wizardMachine } from '../../src/machine/index.ts';
import { type FakeActor, resolves } from '../helpers/fake-actors.ts';

/** Obviously fake pass phrases with the characters that break careless code. Never print them. */
export const PHRASE = `fake <pass> & "phrase" 'one'`;
export const NEW_PHRASE = `fake <new> & "phrase" 'two'`;
export const ACCOUNT = '2500001';

export function wizardInput(overrides: Partial<WizardInput> = {}): WizardInput {
  return {
    sessionId: 'sess-1',
    teamId: 'T1',
    userId: 'U1',
    channelId: 'C1',
    entry: 'wizard',
    maxPurchaseCents: 50_000,
    serverUrl: 'http://127.0.0.1:9/LabelService/EwsLabelService.asmx',
    remembered: null,
    amountDraft: null,
    ...overrides,
  };
}

export function accountView(overrides: Partial<AccountView> = {}): AccountView {
  return {
    accountId: ACCOUNT,
    balanceMils: 41_200,
    accountStatus: 'A',
    serialNumber: 17,
    controlRegisterMils: 100_000,
    readAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export const credentials = (passPhrase = PHRASE) => ({ accountId: ACCOUNT, passPhrase });

export function failure(kind: Failure['kind'], code: string, field: Failure['field'] = null): Failure {
  return { kind, code, message: `Endicia says ${code}.`, field };
}

export interface Fakes {
  verifyAccount: FakeActor<VerifyAccountOutput, VerifyAccountInput>;
  saveRememberPreference: FakeActor<void, SaveRememberPreferenceInput>;
  buyPostage: FakeActor<BuyPostageOutput, BuyPostageInput>;
  reconcilePurchase: FakeActor<ReconcilePurchaseOutput, ReconcilePurchaseInput>;
  changePassPhrase: FakeActor<void, ChangePassPhraseInput>;
}

export const AFTER_BUY = accountView({ balanceMils: 66_200, serialNumber: 18 });

/** Every call succeeds; override the ones a test is about. */
export function fakes(overrides: Partial<Fakes> = {}): Fakes {
  return {
    verifyAccount: resolves({ credentials: credentials(), status: accountView() }),
    saveRememberPreference: resolves(undefined),
    buyPostage: resolves({
      transactionId: '9001',
      balanceAfterMils: AFTER_BUY.balanceMils,
      message: 'The purchase request has been submitted to Endicia.',
      status: AFTER_BUY,
    }),
    reconcilePurchase: resolves({ outcome: 'confirmed', status: AFTER_BUY }),
    changePassPhrase: resolves(undefined),
    ...overrides,
  };
}

export function provided(f: Fakes): WizardMachine {
  return wizardMachine.provide({
    actors: {
      verifyAccount: f.verifyAccount.logic,
      saveRememberPreference: f.saveRememberPreference.logic,
      buyPostage: f.buyPostage.logic,
      reconcilePurchase: f.reconcilePurchase.logic,
      changePassPhrase: f.changePassPhrase.logic,
    },
  });
}

export type WizardActor = Actor<WizardMachine>;

/** A started wizard with the given fakes. */
export function startWizard(f: Fakes, input: WizardInput = wizardInput()): WizardActor {
  return createActor(provided(f), { input }).start();
}

/** The next snapshot that is not busy (generous bound: fakes settle in microtasks). */
export function settled(actor: WizardActor): Promise<WizardSnapshot> {
  return waitFor(actor, (snapshot) => !snapshot.hasTag('busy'), { timeout: 5_000 });
}

export const login = (passPhrase: string | null = PHRASE, remember = false) =>
  ({ type: 'LOGIN', accountId: ACCOUNT, passPhrase, remember, reveal: false }) as const;

export const review = (amountCents = 2_500, requestId = 'req-1') =>
  ({ type: 'REVIEW', amountCents, requestId }) as const;

/** Logs in with the given fakes and returns the actor on the details page. */
export async function onDetails(f: Fakes, input?: WizardInput): Promise<WizardActor> {
  const actor = startWizard(f, input);
  actor.send(login());
  await settled(actor);
  return actor;
}

/** True when a fake pass phrase appears anywhere in `value`; assert on this boolean, never on the value. */
export function holdsSecret(value: unknown): boolean {
  const text = JSON.stringify(value) ?? '';
  return text.includes(PHRASE) || text.includes(NEW_PHRASE);
}
