import { BLOCK_IDS } from '../ids.ts';
import { textSection } from '../views/blocks.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage, channelList } from './message.ts';

/**
 * The one DM to each person who remembers an account after Endicia refused a remembered pass phrase for
 * it: nothing unattended uses the account (five wrong pass phrases suspend it) until someone logs in.
 * `unrecorded`: the outcome of the bot's last try was never saved, so it is counted as a refusal.
 */
export function credentialsRefusedNotice(options: {
  accountId: string;
  channels: readonly string[];
  environmentLabel: string | null;
  why?: 'refused' | 'unrecorded';
}): BotMessage {
  const account = escapeMrkdwn(options.accountId);
  const where = options.channels.length === 0 ? '' : ` in ${channelList(options.channels)}`;
  const first =
    options.why === 'unrecorded'
      ? `:no_entry: The bot could not record the outcome of its last balance check for account ${account}, so it counts it as a refused pass phrase: low-balance alerts${where} stopped checking the balance.`
      : `:no_entry: Endicia refused the remembered pass phrase for account ${account}, so low-balance alerts${where} stopped checking the balance.`;
  const text = [
    first,
    'The bot will not use any remembered pass phrase for this account again until someone logs in: five wrong pass phrases in a row suspend the account.',
    'To resume, run `/postage buy`, log in with the current pass phrase and tick *Remember*.',
  ].join('\n');
  return botMessage(options.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/** The one DM to people who remember an account when typed pass phrases for it are held. */
export function typingHeldNotice(options: {
  accountId: string;
  /** When typing may resume; null = the next wrong pass phrase would suspend the account. */
  until: Date | null;
  environmentLabel: string | null;
}): BotMessage {
  const account = escapeMrkdwn(options.accountId);
  const text =
    options.until === null
      ? `:warning: Endicia refused four pass phrases in a row for account ${account}; one more wrong one suspends it, so the bot will not send another. If you know the current pass phrase, make sure everyone who uses the account has it.`
      : `:warning: Endicia refused three pass phrases in a row for account ${account}, and five suspend it, so the bot holds typed pass phrases for it until <!date^${Math.floor(options.until.getTime() / 1000)}^{time}|${options.until.toISOString().slice(11, 16)} UTC>. If you changed the pass phrase, tell the people who use the account.`;
  return botMessage(options.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
