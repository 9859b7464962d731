import type { InputBlock, ModalView } from '@slack/types';
import { expect } from 'vitest';
import type { StateValues } from '../../src/bot/forms/index.ts';
import { viewFor } from '../../src/bot/views/index.ts';
import { fullState } from '../helpers/fake-slack/view-state.ts';
import {
  ACCOUNT,
  freshContext,
  leaks,
  loggedInContext,
  meta,
  NEW_PHRASE,
  PHRASE,
  rememberedContext,
} from './fixtures.ts';

export type Typed = Record<string, string | null>;

export const text = (value: string | null) => ({ type: 'plain_text_input', value });
export const ticked = (value: string) => ({
  type: 'checkboxes',
  selected_options: [{ text: { type: 'plain_text' as const, text: value }, value }],
});

/** What Slack would send for `view` after a person typed `typed` (block id → text; action id = block id). */
export function submit(view: ModalView, typed: Typed, extra: StateValues = {}): StateValues {
  const values: StateValues = { ...extra };
  for (const [blockId, value] of Object.entries(typed)) {
    const block = view.blocks.find((b) => b.block_id === blockId) as InputBlock | undefined;
    if (block === undefined) throw new Error(`no block ${blockId} in the view`);
    values[blockId] = { [block.element.action_id ?? '']: text(value) };
  }
  return fullState(view.blocks, values);
}

export const accountPage = (remembered: boolean) =>
  remembered
    ? viewFor('account', rememberedContext({ accountId: null }), meta({ rememberedAccountId: ACCOUNT }))
    : viewFor('account', freshContext(), meta());
export const revealedPage = viewFor(
  'account',
  rememberedContext({ reveal: true }),
  meta({ rememberedAccountId: ACCOUNT, revealedPassPhrase: PHRASE }),
);
export const detailsPage = viewFor('details', loggedInContext(), meta());
export const changePage = viewFor('changeForm', freshContext(), meta());

/** Error texts must never carry what was typed into a pass phrase field. */
export function expectNoSecrets(errors: Record<string, string>): void {
  const json = JSON.stringify(errors);
  expect(leaks(json, PHRASE), 'error text quotes the pass phrase').toBe(false);
  expect(leaks(json, NEW_PHRASE), 'error text quotes the new pass phrase').toBe(false);
}
