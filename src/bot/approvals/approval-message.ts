import type { ActionsBlock, KnownBlock } from '@slack/types';
import { formatUsd } from '../../lib/money.ts';
import type { ApprovedPurchaseOutcome, Runway } from '../../machine/index.ts';
import type { ApprovalRequest } from '../../store/index.ts';
import { type BotMessage, botMessage, slackDate, userMention } from '../messages/message.ts';
import { fieldsSection, textSection } from '../views/blocks.ts';
import { runwayText } from '../views/runway-text.ts';
import { escapeMrkdwn, plain } from '../views/text.ts';
import { APPROVAL_ACTIONS } from './approval-ids.ts';

const amountOf = (r: ApprovalRequest) => formatUsd(r.amountMils);

function facts(r: ApprovalRequest, runway: string | null): KnownBlock {
  return fieldsSection('approval_facts', [
    ['Requested by', `@${r.requesterId}`],
    ['Account', r.accountId],
    ['Amount', amountOf(r)],
    ['Current balance', r.balanceMils === null ? 'unknown' : formatUsd(r.balanceMils)],
    ...(runway === null ? [] : [['Runway', runway] as const]),
  ]);
}

/** The buttons of a pending request; Approve/Deny for approvers, Cancel for the requester. */
export function approvalButtons(requestId: string): ActionsBlock {
  return {
    type: 'actions',
    block_id: 'approval_actions',
    elements: [
      {
        type: 'button',
        action_id: APPROVAL_ACTIONS.approve,
        style: 'primary',
        text: plain('Approve', 75),
        value: requestId,
      },
      {
        type: 'button',
        action_id: APPROVAL_ACTIONS.deny,
        style: 'danger',
        text: plain('Deny', 75),
        value: requestId,
      },
      {
        type: 'button',
        action_id: APPROVAL_ACTIONS.cancel,
        text: plain('Cancel request', 75),
        value: requestId,
      },
    ],
  };
}

/**
 * Posted in the approvals channel: requester, account, amount, balance and the runway when known (the
 * requester's login read it); Approve / Deny / Cancel.
 */
export function approvalRequestMessage(
  r: ApprovalRequest,
  environmentLabel: string | null,
  runway: Runway | null = null,
): BotMessage {
  const headline = `:raised_hand: ${userMention(r.requesterId)} asks to buy *${amountOf(r)}* of postage for account ${escapeMrkdwn(r.accountId)}. Expires ${slackDate(r.expiresAt)}.`;
  return botMessage(environmentLabel, headline, [
    textSection('approval_intro', headline),
    facts(r, runwayText(runway)),
    approvalButtons(r.requestId),
  ]);
}

/** What a decided request's message says instead (no buttons). */
export function decidedSentence(r: ApprovalRequest, outcome: ApprovedPurchaseOutcome | null): string {
  const by = r.decidedBy === null ? '' : ` by ${userMention(r.decidedBy)}`;
  const what = `${userMention(r.requesterId)}'s request for *${amountOf(r)}* (account ${escapeMrkdwn(r.accountId)})`;
  switch (r.state) {
    case 'approved':
      if (outcome?.kind === 'bought')
        return `:white_check_mark: ${what} was approved${by} and bought. New balance: *${formatUsd(outcome.balanceAfterMils)}*.`;
      if (outcome?.kind === 'unconfirmed')
        return `:warning: ${what} was approved${by}, but Endicia's answer was lost: the purchase could not be confirmed yet. Check the balance before buying again.`;
      if (outcome?.kind === 'refused')
        return `:x: ${what} was approved${by}, but nothing was bought: ${escapeMrkdwn(outcome.failure.message)}`;
      return `:hourglass_flowing_sand: ${what} was approved${by}; buying…`;
    case 'denied':
      return `:no_entry: ${what} was denied${by}.${r.reason ? ` Reason: ${escapeMrkdwn(r.reason)}` : ''} Nothing was bought.`;
    case 'cancelled':
      return `:heavy_multiplication_x: ${what} was cancelled by the requester. Nothing was bought.`;
    case 'expired':
      return `:alarm_clock: ${what} expired after 24 hours without a decision. Nothing was bought.`;
    default:
      return `${what} is waiting for an approver.`;
  }
}

/** The request message after a decision: the sentence and the facts, no buttons. */
export function decidedMessage(
  r: ApprovalRequest,
  outcome: ApprovedPurchaseOutcome | null,
  environmentLabel: string | null,
): BotMessage {
  const text = decidedSentence(r, outcome);
  return botMessage(environmentLabel, text, [textSection('approval_intro', text), facts(r, null)]);
}
