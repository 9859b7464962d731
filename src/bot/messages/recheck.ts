import { formatUsd } from '../../lib/money.ts';
import type { Verdict } from '../../lib/purchase-outcome.ts';
import type { PurchaseRecord } from '../../store/index.ts';
import { BLOCK_IDS } from '../ids.ts';
import { textSection } from '../views/blocks.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage, userMention } from './message.ts';

/**
 * The thread reply under an unconfirmed purchase's receipt once its later re-checks end: what the balance
 * showed, or that it still cannot tell (and exactly where to look), or why the bot could not look.
 */
export function recheckMessage(
  record: PurchaseRecord,
  verdict: Verdict,
  environmentLabel: string | null,
): BotMessage {
  const amount = formatUsd(record.amountMils);
  const account = escapeMrkdwn(record.accountId);
  const where = `Check Endicia's transaction history for account ${account} on Endicia's website, or \`/postage balance\`: the balance rises by ${amount} if it went through. Do not buy again until you know.`;
  const text =
    verdict.outcome === 'confirmed'
      ? `:white_check_mark: Update: the balance now shows this *${amount}* purchase for account ${account} went through${record.balanceAfterMils === null ? '' : ` (balance ${formatUsd(record.balanceAfterMils)})`}. \`/postage history\` is corrected.`
      : verdict.why === 'no-login'
        ? `:warning: The bot cannot re-check this *${amount}* purchase on its own: ${userMention(record.userId)} has no usable remembered login for account ${account} (none, or a pass phrase Endicia refused). ${where}`
        : `:warning: Still not confirmed: after several checks the balance does not show this *${amount}* purchase for account ${account}. ${where}`;
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.intro, text)]);
}
