import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { toDecimalString } from '../../lib/money.ts';
import type { TeamSettings } from '../../store/index.ts';
import { environmentBlocks, plainSection } from '../views/blocks.ts';
import { plain } from '../views/text.ts';
import { SETTINGS_BLOCKS as B, SETTINGS_LABELS as L, SETTINGS_CALLBACK_ID } from './settings-ids.ts';

const dollars = (mils: number | null) => (mils === null ? undefined : toDecimalString(mils));

/** An optional input whose block_id and action_id are the same id (errors are keyed by it). */
function optionalInput(id: string, label: string, hint: string, element: InputBlock['element']): InputBlock {
  return {
    type: 'input',
    block_id: id,
    optional: true,
    label: plain(label, 2000),
    hint: plain(hint, 2000),
    element,
  };
}

function amountInput(id: string, label: string, mils: number | null, hint: string): InputBlock {
  const initial = dollars(mils);
  return optionalInput(id, label, hint, {
    type: 'plain_text_input',
    action_id: id,
    max_length: 32,
    ...(initial === undefined ? {} : { initial_value: initial }),
  });
}

function usersInput(id: string, label: string, users: readonly string[], hint: string): InputBlock {
  return optionalInput(id, label, hint, {
    type: 'multi_users_select',
    action_id: id,
    ...(users.length === 0 ? {} : { initial_users: [...users] }),
  });
}

/** The `/postage settings` modal, filled with the current settings. Nothing secret in it. */
export function settingsView(settings: TeamSettings, environmentLabel: string | null): ModalView {
  const blocks: KnownBlock[] = [
    ...environmentBlocks(environmentLabel),
    plainSection(
      'settings_intro',
      'Team controls for postage bought through the bot. Empty fields keep today’s behaviour.',
    ),
    amountInput(
      B.approvalAbove,
      L.approvalAbove,
      settings.approvalAboveMils,
      'Dollars; purchases above it need an approver. Empty = never.',
    ),
    usersInput(B.approvers, L.approvers, settings.approverIds, 'Who may approve (never their own request).'),
    optionalInput(
      B.approvalsChannel,
      L.approvalsChannel,
      'Where requests and settings changes are posted (invite the bot there).',
      {
        type: 'conversations_select',
        action_id: B.approvalsChannel,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(settings.approvalsChannelId === null
          ? {}
          : { initial_conversation: settings.approvalsChannelId }),
      },
    ),
    amountInput(
      B.dailyLimit,
      L.dailyLimit,
      settings.dailyLimitMils,
      'Dollars per person in any 24 hours. Empty = no limit.',
    ),
    amountInput(
      B.monthlyLimit,
      L.monthlyLimit,
      settings.monthlyLimitMils,
      'Dollars for the whole workspace in any 30 days. Empty = no limit.',
    ),
    usersInput(B.buyers, L.buyers, settings.buyerIds, 'Who may buy. Empty = everyone.'),
    usersInput(
      B.postageAdmins,
      L.postageAdmins,
      settings.postageAdminIds,
      'Besides workspace admins and owners.',
    ),
  ];
  return {
    type: 'modal',
    callback_id: SETTINGS_CALLBACK_ID,
    private_metadata: '',
    title: plain('Postage settings', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}
