import { BLOCK_IDS } from '../ids.ts';
import { textSection } from '../views/blocks.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage, channelList } from './message.ts';

/**
 * The one DM to an alert's owner after Endicia refused the remembered pass phrase: monitoring stopped
 * (five wrong pass phrases suspend an account, so the bot does not try again) until they log in again.
 */
export function credentialsRefusedNotice(options: {
  accountId: string;
  channels: readonly string[];
  environmentLabel: string | null;
}): BotMessage {
  const where = options.channels.length === 0 ? '' : ` in ${channelList(options.channels)}`;
  const text = [
    `:no_entry: Endicia refused the remembered pass phrase for account ${escapeMrkdwn(options.accountId)}, so low-balance alerts${where} stopped checking the balance.`,
    'The bot will not try that pass phrase again: five wrong pass phrases in a row suspend the account.',
    'To resume, run `/postage buy`, log in with the current pass phrase and tick *Remember*.',
  ].join('\n');
  return botMessage(options.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
