import { formatUsd } from '../../lib/money.ts';
import { DAY_MS, type DigestPurchase, type WeeklyDigest } from '../../machine/index.ts';
import { contextLine, textSection } from '../views/blocks.ts';
import { runwayText } from '../views/runway-text.ts';
import { escapeMrkdwn, plain } from '../views/text.ts';
import { type BotMessage, botMessage, slackDate, userMention } from './message.ts';

/** At most this many purchases are listed; the rest are counted ("…and 12 more."). */
export const DIGEST_PURCHASES_SHOWN = 20;
// Slack cuts a section's text at 3,000 characters: the list stops well before, whatever the ids' lengths.
const PURCHASES_TEXT_MAX = 2_800;

const STATE_NOTE: Record<DigestPurchase['state'], string> = {
  confirmed: '',
  unconfirmed: ' · not confirmed',
  pending: ' · in progress',
};

function purchaseLines(purchases: readonly DigestPurchase[]): string {
  if (purchases.length === 0) return '*Purchases:* none through the bot this week.';
  const lines = [`*Purchases* (${purchases.length}):`];
  let length = lines[0]?.length ?? 0;
  let shown = 0;
  for (const p of purchases) {
    if (shown === DIGEST_PURCHASES_SHOWN) break;
    const line = `• ${userMention(p.userId)} *${formatUsd(p.amountMils)}* · ${slackDate(new Date(p.atMs).toISOString())}${STATE_NOTE[p.state]}`;
    // Room is kept for the "…and N more." line.
    if (length + line.length + 40 > PURCHASES_TEXT_MAX) break;
    lines.push(line);
    length += line.length + 1;
    shown += 1;
  }
  if (purchases.length > shown) lines.push(`…and ${purchases.length - shown} more.`);
  return lines.join('\n');
}

function spendLine(digest: WeeklyDigest): string {
  if (digest.spentMils === null) return '*Postage used:* not known: the bot read no balance this week.';
  const days = Math.floor(digest.spanMs / DAY_MS);
  // Spending before the first reading of the week is not seen: say how much of the week was.
  const partial =
    digest.spanMs >= 6.5 * DAY_MS
      ? ''
      : ` (the bot's readings cover ${days < 1 ? 'less than a day' : `${days} day${days === 1 ? '' : 's'}`} of it)`;
  return `*Postage used:* ${formatUsd(digest.spentMils)} over the last 7 days${partial}`;
}

/**
 * The weekly digest of one account, posted in the alert's channel: postage used over the last 7 days
 * (falls of the balance between the bot's readings, labels printed anywhere included, purchases not
 * counted), the purchases (who, how much; capped), the newest balance and its runway. Within Block
 * Kit's limits however many purchases there were.
 */
export function weeklyDigestMessage(input: {
  accountId: string;
  digest: WeeklyDigest;
  environmentLabel: string | null;
}): BotMessage {
  const { digest } = input;
  const account = escapeMrkdwn(input.accountId);
  const balance =
    digest.balance === null
      ? '*Balance:* not read yet.'
      : `*Balance:* ${formatUsd(digest.balance.balanceMils)}, read ${slackDate(new Date(digest.balance.atMs).toISOString())}`;
  const runway = runwayText(digest.runway);
  const bought = `*Bought:* ${formatUsd(digest.boughtMils)}`;
  const summary = [spendLine(digest), bought, balance, ...(runway === null ? [] : [`*Runway:* ${runway}`])];
  const used = digest.spentMils === null ? 'postage used not known' : `${formatUsd(digest.spentMils)} used`;
  const text = `Weekly postage digest for account ${account}: ${used}, ${formatUsd(digest.boughtMils)} bought${
    digest.balance === null ? '' : `, balance ${formatUsd(digest.balance.balanceMils)}`
  }.`;
  return botMessage(input.environmentLabel, text, [
    {
      type: 'header',
      block_id: 'digest_title',
      text: plain(`Weekly postage digest · account ${input.accountId}`, 150),
    },
    textSection('digest_summary', summary.join('\n')),
    textSection('digest_purchases', purchaseLines(digest.purchases)),
    contextLine(
      'digest_note',
      `${slackDate(new Date(digest.fromMs).toISOString())} to ${slackDate(new Date(digest.toMs).toISOString())}. Postage used is every fall of the balance between the bot's readings (labels printed anywhere included); money put in is not spending.`,
    ),
  ]);
}
