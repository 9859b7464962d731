import type { HandlingShown } from '../../alerts/index.ts';
import { formatUsd } from '../../lib/money.ts';
import { ACTION_IDS, BLOCK_IDS } from '../ids.ts';
import { contextLine, textSection } from '../views/blocks.ts';
import { button } from '../views/inputs.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage, slackDate, userMention } from './message.ts';

/** A balance compared with a channel's alert threshold. */
export interface ThresholdReading {
  accountId: string;
  balanceMils: number;
  thresholdMils: number;
  environmentLabel: string | null;
  /** "about 4 days left at this week's rate" when the runway is known; absent or null = say nothing. */
  runway?: string | null | undefined;
}

/** " About 4 days left at this week's rate." or nothing. */
function runwaySentence(reading: ThresholdReading): string {
  const runway = reading.runway ?? null;
  return runway === null ? '' : ` ${runway.charAt(0).toUpperCase()}${runway.slice(1)}.`;
}

/**
 * Posted once when the balance crosses below the threshold: account, balance, threshold, the runway when
 * known, and the buttons: Buy postage (action `alert_buy`, value = the account number; opens the wizard),
 * I'm on it, Snooze 1 hour, Snooze 1 day. Edited in place to show who handles it.
 */
export function lowBalanceAlert(reading: ThresholdReading, handling?: HandlingShown): BotMessage {
  const text = `:warning: *Low postage balance:* account ${escapeMrkdwn(reading.accountId)} has *${formatUsd(reading.balanceMils)}*, below the alert threshold of ${formatUsd(reading.thresholdMils)}.${runwaySentence(reading)}`;
  const status = handling === undefined ? [] : handlingLines(handling);
  return botMessage(reading.environmentLabel, text, [
    textSection(BLOCK_IDS.summary, text),
    ...(status.length === 0 ? [] : [contextLine(BLOCK_IDS.alertStatus, status.join('\n'))]),
    {
      type: 'actions',
      block_id: BLOCK_IDS.alertActions,
      elements: [
        button(ACTION_IDS.alertBuy, 'Buy postage', { value: reading.accountId, style: 'primary' }),
        button(ACTION_IDS.alertAck, "I'm on it"),
        button(ACTION_IDS.alertSnoozeHour, 'Snooze 1 hour'),
        button(ACTION_IDS.alertSnoozeDay, 'Snooze 1 day'),
      ],
    },
  ]);
}

/** ":eyes: <@U1> is on it (since …)." and ":zzz: Snoozed by <@U2> until …." as they apply. */
export function handlingLines(handling: HandlingShown): string[] {
  const lines: string[] = [];
  if (handling.acknowledgedBy !== null) {
    const since = handling.acknowledgedAt === null ? '' : ` (since ${slackDate(handling.acknowledgedAt)})`;
    lines.push(`:eyes: ${userMention(handling.acknowledgedBy)} is on it${since}.`);
  }
  if (handling.snoozedBy !== null && handling.snoozedUntil !== null) {
    lines.push(
      `:zzz: Snoozed by ${userMention(handling.snoozedBy)} until ${slackDate(handling.snoozedUntil)}.`,
    );
  }
  if (handling.escalatedAt !== null && handling.escalatedTo.length > 0) {
    lines.push(
      `:rotating_light: Escalated to ${handling.escalatedTo.map(userMention).join(', ')} ${slackDate(handling.escalatedAt)}.`,
    );
  }
  if (handling.reloadNote !== null)
    lines.push(`:arrows_counterclockwise: ${escapeMrkdwn(handling.reloadNote)}`);
  return lines;
}

/** Automatic reload's follow-up in the alert's thread: the receipt, or the lost answer being re-checked. */
export function reloadReply(environmentLabel: string | null, note: string): BotMessage {
  const text = `:arrows_counterclockwise: ${escapeMrkdwn(note)}`;
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/** The owner's DM when automatic reload failed and was turned off (told once, by the run that tried). */
export function reloadOffNotice(
  environmentLabel: string | null,
  channelId: string,
  note: string,
): BotMessage {
  const text = `:warning: Low-balance alerts in <#${channelId}>: ${escapeMrkdwn(note)}`;
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/** The escalation, posted in the alert's thread: the chosen people, mentioned once. */
export function escalationReply(
  reading: ThresholdReading,
  people: readonly string[],
  hours: number,
): BotMessage {
  const text = `:rotating_light: ${people.map(userMention).join(' ')}: the postage balance of account ${escapeMrkdwn(reading.accountId)} is still ${formatUsd(reading.balanceMils)}, below ${formatUsd(reading.thresholdMils)}, ${hours} hour${hours === 1 ? '' : 's'} after this alert, and nobody has bought postage, clicked I'm on it or snoozed it.${runwaySentence(reading)}`;
  return botMessage(reading.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/** What the alert said: when it was posted (its message ts) and the last balance read below the threshold. */
export interface AlertHistory {
  /** The alert message's ts (Slack's seconds.micros), i.e. when the balance was found low. */
  alertTs: string | null;
  lowMils: number | null;
  lowAt: string | null;
}

function wasLowLine(reading: ThresholdReading, history: AlertHistory | undefined): string {
  const account = escapeMrkdwn(reading.accountId);
  const threshold = formatUsd(reading.thresholdMils);
  const since = history?.alertTs ? Number.parseFloat(history.alertTs) : Number.NaN;
  const when = Number.isFinite(since) ? ` since ${slackDate(new Date(since * 1000).toISOString())}` : '';
  const low =
    history?.lowMils !== null && history?.lowMils !== undefined
      ? `, last read at *${formatUsd(history.lowMils)}*${history.lowAt ? ` ${slackDate(history.lowAt)}` : ''}`
      : '';
  return `Was below the alert threshold of ${threshold} for account ${account}${when}${low}.`;
}

/**
 * The alert, edited in place once the balance is back above the threshold (no button any more). It keeps
 * what the alert said (since when, how low) and adds the recovery.
 */
export function balanceRecovered(
  reading: ThresholdReading,
  history?: AlertHistory,
  toppedUpBy: readonly { userId: string; amountMils: number; automatic?: boolean }[] = [],
): BotMessage {
  const recovered = `:white_check_mark: Recovered: balance ${formatUsd(reading.balanceMils)} is above ${formatUsd(reading.thresholdMils)} for account ${escapeMrkdwn(reading.accountId)}.${toppedUpLine(toppedUpBy)}${runwaySentence(reading)}`;
  const text = `${recovered}\n${wasLowLine(reading, history)}`;
  return botMessage(reading.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/** " Topped up through the bot by <@U1> ($25.00)." when the journal knows; nothing when it does not. */
function toppedUpLine(
  toppedUpBy: readonly { userId: string; amountMils: number; automatic?: boolean }[],
): string {
  if (toppedUpBy.length === 0) return '';
  const who = toppedUpBy
    .map(
      (t) =>
        `${userMention(t.userId)} (${formatUsd(t.amountMils)}${t.automatic ? ', automatic reload' : ''})`,
    )
    .join(', ');
  return ` Topped up through the bot by ${who}.`;
}

/** The follow-up posted in the alert's thread when it recovers (the edit alone notifies nobody). */
export function recoveredReply(
  reading: ThresholdReading,
  toppedUpBy: readonly { userId: string; amountMils: number; automatic?: boolean }[] = [],
): BotMessage {
  const text = `:white_check_mark: Recovered: the postage balance of account ${escapeMrkdwn(reading.accountId)} is ${formatUsd(reading.balanceMils)}, above ${formatUsd(reading.thresholdMils)}.${toppedUpLine(toppedUpBy)}`;
  return botMessage(reading.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
