import { formatUsd } from '../../lib/money.ts';
import { BLOCK_IDS } from '../ids.ts';
import { textSection } from '../views/blocks.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage, slackDate, userMention } from './message.ts';

/**
 * Why a channel's alert checks nothing: its owner's remembered login was refused by Endicia, forgotten
 * (`/postage forget`, or Remember unticked), or now remembers another account.
 */
export type PauseReason =
  /** `at`: when the refusal was recorded, when known. */
  { kind: 'refused'; at: string | null } | { kind: 'forgotten' } | { kind: 'other-account' };

function why(reason: PauseReason, owner: string, accountId: string): string {
  switch (reason.kind) {
    case 'refused':
      return `Endicia refused ${owner}'s remembered pass phrase${reason.at === null ? '' : ` ${slackDate(reason.at)}`}, and the bot does not try it again (five wrong pass phrases in a row suspend the account)`;
    case 'forgotten':
      return `${owner}'s login for account ${accountId} is no longer remembered`;
    case 'other-account':
      return `${owner} now remembers another account, not ${accountId}`;
  }
}

/** Who can resume a paused alert, and how (the same words wherever the pause is shown). */
export function resumeLine(ownerUserId: string, thresholdMils: number | null): string {
  const amount = thresholdMils === null ? '<amount>' : formatUsd(thresholdMils);
  return `${userMention(ownerUserId)} can resume it: run \`/postage buy\`, log in to the account and tick *Remember*. Anyone else can take it over under their own login with \`/postage alerts ${amount}\`.`;
}

/** The sentence `/postage alerts` and the channel note use: paused, and why. */
export function pausedSentence(sub: { ownerUserId: string; accountId: string }, reason: PauseReason): string {
  return `Paused — nothing is checked: ${why(reason, userMention(sub.ownerUserId), escapeMrkdwn(sub.accountId))}.`;
}

/**
 * Posted in the channel when its alert stops being checked, so the channel does not believe it is
 * protected: paused, why, who can fix it and how.
 */
export function alertsPausedNotice(
  sub: { ownerUserId: string; accountId: string; thresholdMils: number | null },
  reason: PauseReason,
  environmentLabel: string | null,
): BotMessage {
  const text = `:double_vertical_bar: Low-balance alerts in this channel for account ${escapeMrkdwn(sub.accountId)} are paused. ${pausedSentence(sub, reason)}\n${resumeLine(sub.ownerUserId, sub.thresholdMils)}`;
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/** Posted in the channel when someone other than its owner turns its alert off: who, and how to undo it. */
export function alertsTurnedOffNotice(
  by: string,
  sub: { ownerUserId: string; accountId: string; thresholdMils: number },
  environmentLabel: string | null,
): BotMessage {
  const text = `:no_bell: ${userMention(by)} turned off the low-balance alerts for account ${escapeMrkdwn(sub.accountId)} in this channel (set up by ${userMention(sub.ownerUserId)}). Turn them back on with \`/postage alerts ${formatUsd(sub.thresholdMils)}\`.`;
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
