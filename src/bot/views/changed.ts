import type { ModalView } from '@slack/types';
import type { WizardContext } from '../../machine/index.ts';
import { BLOCK_IDS, CALLBACK_IDS } from '../ids.ts';
import { textSection } from './blocks.ts';
import { modal, TITLES } from './modal.ts';
import { escapeMrkdwn } from './text.ts';
import type { ViewMeta } from './types.ts';

/**
 * changed (opened by `/postage passphrase`): the new pass phrase is in effect. Other apps still using the
 * old one would suspend the account after five tries, hence the reminder.
 */
export function changedView(context: WizardContext, meta: ViewMeta): ModalView {
  const account = context.accountId === null ? '' : ` for account ${escapeMrkdwn(context.accountId)}`;
  return modal(meta, {
    callbackId: CALLBACK_IDS.changed,
    title: TITLES.change,
    blocks: [
      textSection(
        BLOCK_IDS.summary,
        `:white_check_mark: *Pass phrase changed${account}.* Update any other app that uses it, or its old pass phrase will get the account suspended.`,
      ),
    ],
    submit: 'Done',
    close: 'Close',
  });
}
