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
  /** Forgotten by closing the wizard with Remember unticked (the desktop wizard's rule), not by the command. */
  closedUnticked?: boolean;
}

/** The ephemeral answer to `/postage forget`: what was deleted, and what that stops. */
export function forgetMessage(outcome: ForgetOutcome): BotMessage {
  const resume =
    'until you log in with `/postage buy` and tick *Remember* (or run `/postage alerts off` there)';
  const channels = channelList(outcome.alertChannels);
  const alerts = outcome.alertChannels.length > 0;
  // One true statement either way: the alerts stopped checking when the login went, whichever run deleted it.
  const lines = outcome.hadCredentials
    ? [
        outcome.closedUnticked === true
          ? ':wastebasket: You closed the wizard with *Remember* unticked, so your remembered account number and pass phrase are deleted. The wizard will ask for them next time.'
          : ':wastebasket: Your remembered account number and pass phrase are deleted. The wizard will ask for them next time.',
        ...(alerts
          ? [`Low-balance alerts you set up in ${channels} are paused: they check nothing ${resume}.`]
          : []),
      ]
    : [
        alerts
          ? `Nothing is remembered for you, so the low-balance alerts you set up in ${channels} are paused ${resume}.`
          : 'Nothing is remembered for you: there was nothing to delete.',
      ];
  const text = lines.join('\n');
  return botMessage(outcome.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
