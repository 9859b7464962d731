import type { ModalView } from '@slack/types';
import { formatUsd } from '../../lib/money.ts';
import type { ApprovalRequest } from '../../store/index.ts';
import { environmentBlocks, plainSection } from '../views/blocks.ts';
import { plain } from '../views/text.ts';
import { DENY_CALLBACK_ID, DENY_REASON_BLOCK } from './approval-ids.ts';

/** Deny's modal: an optional reason the requester is told. private_metadata = the request id only. */
export function denyView(request: ApprovalRequest, environmentLabel: string | null): ModalView {
  return {
    type: 'modal',
    callback_id: DENY_CALLBACK_ID,
    private_metadata: request.requestId,
    title: plain('Deny request', 24),
    submit: plain('Deny', 24),
    close: plain('Cancel', 24),
    blocks: [
      ...environmentBlocks(environmentLabel),
      plainSection(
        'deny_intro',
        `Deny ${formatUsd(request.amountMils)} for account ${request.accountId}? Nothing will be bought.`,
      ),
      {
        type: 'input',
        block_id: DENY_REASON_BLOCK,
        optional: true,
        label: plain('Reason', 2000),
        element: { type: 'plain_text_input', action_id: DENY_REASON_BLOCK, multiline: true, max_length: 500 },
      },
    ],
  };
}
