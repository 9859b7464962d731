import { BLOCK_IDS } from '../ids.ts';
import { textSection } from '../views/blocks.ts';
import { type BotMessage, botMessage, channelList } from './message.ts';

/** What `/postage forget` found and stopped. */
export interface ForgetOutcome {
  /** True when remembered credentials existed and were deleted. */
  hadCredentials: boolean;
  /** Channels with low-balance alerts this person set up: they can no longer read the balance. */
  alertChannels: readonly string[];
  environmentLabel: string | null;
}

/** The ephemeral answer to `/postage forget`: what was deleted, and what that stops. */
export function forgetMessage(outcome: ForgetOutcome): BotMessage {
  const first = outcome.hadCredentials
    ? ':wastebasket: Your remembered account number and pass phrase are deleted. The wizard will ask for them next time.'
    : 'Nothing was remembered for you, so there was nothing to delete.';
  const lines = [first];
  if (outcome.alertChannels.length > 0) {
    lines.push(
      `Low-balance alerts you set up in ${channelList(outcome.alertChannels)} can no longer check the balance. Log in with \`/postage buy\` and tick *Remember* to resume them, or run \`/postage alerts off\` there.`,
    );
  }
  const text = lines.join('\n');
  return botMessage(outcome.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
