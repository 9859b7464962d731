import type { ActionsBlock, KnownBlock } from '@slack/types';
import { isTemporaryPassPhrase, type WizardContext } from '../../machine/index.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS, OPTION_VALUES } from '../ids.ts';
import { failureBlocks, noticeBlocks, plainSection } from './blocks.ts';
import {
  accountNumberInput,
  button,
  checkboxAction,
  checkboxInput,
  checkboxOption,
  textInput,
} from './inputs.ts';
import { modal, TITLES } from './modal.ts';
import type { ViewMeta } from './types.ts';

const REMEMBER = checkboxOption(
  OPTION_VALUES.remember,
  'Remember account number and pass phrase',
  'Untick and log in to forget them.',
);
const REVEAL = checkboxOption(
  OPTION_VALUES.reveal,
  'Make pass phrase visible',
  'Fills in your remembered pass phrase.',
);

/** The pass phrase field: empty (typed, always visible in Slack) or the revealed remembered phrase. */
function passPhraseInput(remembered: boolean, revealed: string | null): KnownBlock {
  const shared = { actionId: ACTION_IDS.passPhrase, label: 'Pass Phrase', maxLength: 64 };
  if (revealed !== null) {
    // A different block id, or Slack would keep the (empty) typed state instead of this initial value.
    return textInput({
      ...shared,
      blockId: BLOCK_IDS.passPhraseShown,
      initialValue: revealed,
      optional: true,
      hint: 'Your remembered pass phrase, shown because you ticked "Make pass phrase visible".',
    });
  }
  return textInput({
    ...shared,
    blockId: BLOCK_IDS.passPhrase,
    optional: remembered,
    hint: remembered
      ? 'Leave blank to use your remembered pass phrase. Visible while you type: Slack has no hidden input.'
      : 'Visible while you type: Slack has no hidden input.',
  });
}

/** Change Pass Phrase; the primary action when Endicia said the pass phrase is temporary. */
function changeButton(primary: boolean): ActionsBlock {
  return {
    type: 'actions',
    block_id: BLOCK_IDS.accountActions,
    elements: [button(ACTION_IDS.openChange, 'Change Pass Phrase', primary ? { style: 'primary' } : {})],
  };
}

/**
 * Step 1, the Endicia Account page: account number, pass phrase, "Make pass phrase visible", "Remember",
 * Change Pass Phrase; submit = Log in. Failures that arrived after the ack show as a ⚠ line.
 */
export function accountView(context: WizardContext, meta: ViewMeta) {
  const remembered = meta.rememberedAccountId !== null;
  const revealed = remembered ? meta.revealedPassPhrase : null;
  const blocks: KnownBlock[] = [
    plainSection(BLOCK_IDS.intro, 'Log in with your Endicia account to see its balance and buy postage.'),
    ...failureBlocks(context.failure),
    ...noticeBlocks(context.notice),
    accountNumberInput(context.accountId ?? meta.rememberedAccountId),
    passPhraseInput(remembered, revealed),
    // Nothing to make visible unless a pass phrase is remembered: no checkbox that can only disappoint.
    ...(remembered
      ? [checkboxAction(BLOCK_IDS.reveal, ACTION_IDS.reveal, REVEAL, context.reveal || revealed !== null)]
      : []),
    // context.remember starts as "something is remembered" and then follows the person's last LOGIN, so an
    // unticked box stays unticked when a failed login re-renders the page.
    checkboxInput(BLOCK_IDS.remember, ACTION_IDS.remember, 'Remember', REMEMBER, context.remember),
    changeButton(isTemporaryPassPhrase(context.failure)),
  ];
  return modal(meta, { callbackId: CALLBACK_IDS.account, title: TITLES.buy, blocks, submit: 'Log in' });
}
