import type { InputBlock, ModalView } from '@slack/types';
import { type ViewMeta, viewFor } from '../../src/bot/views/index.ts';
import type { WizardContext, WizardState } from '../../src/machine/index.ts';
import {
  ACCOUNT,
  confirmingContext,
  doneContext,
  failure,
  freshContext,
  loggedInContext,
  meta,
  NEW_PHRASE,
  PHRASE,
  purchase,
  rememberedContext,
  uncertainContext,
} from './fixtures.ts';

export interface Case {
  name: string;
  state: WizardState;
  context: WizardContext;
  meta?: Partial<ViewMeta>;
}

export const remembered = { rememberedAccountId: ACCOUNT };

/** Every state with the contexts it meets in practice. */
export const CASES: Case[] = [
  { name: 'account, fresh', state: 'account', context: freshContext() },
  { name: 'account, remembered', state: 'account', context: rememberedContext(), meta: remembered },
  {
    name: 'account, wrong pass phrase',
    state: 'account',
    context: freshContext({ failure: failure('passPhrase') }),
  },
  {
    name: 'account, notice',
    state: 'account',
    context: rememberedContext({ notice: 'Your remembered account number and pass phrase were forgotten.' }),
    meta: remembered,
  },
  {
    name: 'account, revealed',
    state: 'account',
    context: rememberedContext({ reveal: true }),
    meta: { ...remembered, revealedPassPhrase: PHRASE },
  },
  { name: 'verifying', state: 'verifying', context: rememberedContext() },
  { name: 'remembering', state: 'remembering', context: loggedInContext() },
  { name: 'details', state: 'details', context: loggedInContext() },
  {
    name: 'details, amount refused',
    state: 'details',
    context: loggedInContext({
      amountCents: 90_000,
      failure: {
        ...failure('amount', 'The purchase amount exceeds the account’s purchase limit.'),
        kind: 'amount',
      },
      responseMessage: 'The purchase amount exceeds the account’s purchase limit.',
    }),
  },
  { name: 'confirming', state: 'confirming', context: confirmingContext() },
  { name: 'purchasing', state: 'purchasing', context: confirmingContext() },
  { name: 'reconciling', state: 'reconciling', context: confirmingContext() },
  { name: 'done', state: 'done', context: doneContext() },
  {
    name: 'done, confirmed by balance',
    state: 'done',
    context: confirmingContext({
      purchase: purchase({ balanceAfterMils: 1_259_500, outcome: 'confirmed', confirmedBy: 'balance' }),
    }),
  },
  { name: 'uncertain, balance read', state: 'uncertain', context: uncertainContext(1_259_500) },
  { name: 'uncertain, balance unknown', state: 'uncertain', context: uncertainContext(null) },
  { name: 'changeForm, wizard', state: 'changeForm', context: loggedInContext() },
  {
    name: 'changeForm, passphrase entry, reused',
    state: 'changeForm',
    context: rememberedContext({
      entry: 'passphrase',
      failure: {
        ...failure(
          'newPassPhrase',
          'The new Pass Phrase cannot match up to the four previously used Pass Phrases.',
        ),
        kind: 'pass-phrase-reused',
      },
    }),
  },
  { name: 'changing', state: 'changing', context: loggedInContext({ pendingPassPhrase: NEW_PHRASE }) },
  { name: 'changed', state: 'changed', context: rememberedContext({ entry: 'passphrase' }) },
  { name: 'closed', state: 'closed', context: freshContext() },
];

/** Renders a case with its meta. */
export const render = (c: Case) => viewFor(c.state, c.context, meta(c.meta));
export const inputs = (view: ModalView) => view.blocks.filter((b): b is InputBlock => b.type === 'input');
export const blockById = (view: ModalView, id: string) => view.blocks.find((b) => b.block_id === id);
export const json = (value: unknown) => JSON.stringify(value);

/** Finds a case by name (the tests name the ones they look at). */
export const caseNamed = (name: string): Case => {
  const found = CASES.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no case ${name}`);
  return found;
};
