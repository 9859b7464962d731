import type { KnownBlock, ModalView } from '@slack/types';
import type { WizardContext } from '../../machine/index.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../ids.ts';
import { contextLine, failureBlocks, noticeBlocks } from './blocks.ts';
import { accountNumberInput, textInput } from './inputs.ts';
import { modal, TITLES } from './modal.ts';
import type { ViewMeta } from './types.ts';

/** endicia-els.md §5.1: the enforced rules, the recommendations, and what a change means for other apps. */
const RULES = [
  '*Rules:* 5 to 64 characters, and none of your last four pass phrases.',
  '*Recommended:* at least 10 characters, more than one word, upper and lower case, a digit and a symbol.',
  ':warning: Every other app that uses this account must be updated with the new pass phrase, or its login attempts will get the account suspended.',
].join('\n');

const VISIBLE = 'Visible while you type: Slack has no hidden input.';

function phraseInput(blockId: string, actionId: string, label: string, hint: string): KnownBlock {
  return textInput({ blockId, actionId, label, hint, maxLength: 64 });
}

/**
 * The Change Pass Phrase form: account number (prefilled), current, new and new again. Close is "Back"
 * inside the wizard (the form is pushed over it) and "Cancel" when opened by `/postage passphrase`.
 * Nothing typed is ever rendered back: every pass phrase field starts empty.
 */
export function changeFormView(context: WizardContext, meta: ViewMeta): ModalView {
  const blocks: KnownBlock[] = [
    ...failureBlocks(context.failure),
    ...noticeBlocks(context.notice),
    accountNumberInput(context.accountId ?? meta.rememberedAccountId),
    phraseInput(BLOCK_IDS.currentPassPhrase, ACTION_IDS.currentPassPhrase, 'Current Pass Phrase', VISIBLE),
    phraseInput(BLOCK_IDS.newPassPhrase, ACTION_IDS.newPassPhrase, 'New Pass Phrase', '5 to 64 characters.'),
    phraseInput(
      BLOCK_IDS.confirmPassPhrase,
      ACTION_IDS.confirmPassPhrase,
      'New Pass Phrase again',
      'Type the new pass phrase once more.',
    ),
    contextLine(BLOCK_IDS.rules, RULES),
  ];
  return modal(meta, {
    callbackId: CALLBACK_IDS.changeForm,
    title: TITLES.change,
    blocks,
    submit: 'Change',
    close: context.entry === 'passphrase' ? 'Cancel' : 'Back',
  });
}
