import type { KnownBlock } from '@slack/types';
import { formatUsd } from '../../lib/money.ts';
import type { PurchaseRecord, PurchaseState } from '../../store/index.ts';
import { BLOCK_IDS } from '../ids.ts';
import { contextLine, textSection } from '../views/blocks.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage, slackDate, userMention } from './message.ts';

/** How many purchases one message lists (one block each, well under Slack's 50). */
export const HISTORY_SHOWN = 10;

const STATE_LABELS: { readonly [S in PurchaseState]: string } = {
  // In flight, or stopped mid-call (a crash): either way nobody knows yet, so say what to do.
  pending: 'not confirmed yet: check the balance before buying again',
  confirmed: 'bought',
  failed: 'refused by Endicia',
  unconfirmed:
    "could not be confirmed: see whether the balance rose by the amount (`/postage balance`) or the account's transaction history on Endicia's website",
};

function line(record: PurchaseRecord, byWhom: boolean): string {
  const parts = [
    slackDate(record.createdAt),
    ...(byWhom ? [userMention(record.userId)] : []),
    `*${formatUsd(record.amountMils)}* for account ${escapeMrkdwn(record.accountId)}`,
    STATE_LABELS[record.state],
  ];
  if (record.balanceAfterMils !== null) parts.push(`balance after ${formatUsd(record.balanceAfterMils)}`);
  if (record.transactionId !== null) parts.push(`transaction ${escapeMrkdwn(record.transactionId)}`);
  return parts.join(' · ');
}

/**
 * The ephemeral answer to `/postage history`: the person's recent purchases through the bot, newest
 * first as given, at most `HISTORY_SHOWN` of them.
 */
export function historyMessage(
  records: readonly PurchaseRecord[],
  options: {
    environmentLabel: string | null;
    /** How many purchases the person has in all; more than shown adds "showing the newest 10 of 12". */
    total?: number;
    /** `/postage history all`: the workspace's purchases, each saying who bought it. */
    workspace?: boolean;
  },
): BotMessage {
  const workspace = options.workspace === true;
  if (records.length === 0) {
    const text = workspace
      ? 'Nobody in this workspace has bought postage through the bot yet.'
      : 'You have not bought postage through the bot yet. Run `/postage buy` to start.';
    return botMessage(options.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
  }
  const shown = records.slice(0, HISTORY_SHOWN);
  const title = workspace
    ? "*The workspace's recent purchases through the bot*"
    : '*Your recent purchases through the bot*';
  const blocks: KnownBlock[] = [
    textSection(BLOCK_IDS.intro, title),
    ...shown.map((record, i) => textSection(`purchase_${i}`, line(record, workspace))),
  ];
  const total = Math.max(options.total ?? 0, records.length);
  const more = total > shown.length ? `Showing the newest ${shown.length} of ${total}.` : null;
  if (more !== null) blocks.push(contextLine(BLOCK_IDS.notice, more));
  const text = `${workspace ? "The workspace's" : 'Your'} recent purchases: ${more ?? `${shown.length} shown.`}`;
  return botMessage(options.environmentLabel, text, blocks);
}
