import type { AlertOptions } from '../../alerts/index.ts';
import { formatUsd } from '../../lib/money.ts';
import type { AlertSubscription } from '../../store/index.ts';
import { ACTION_IDS, BLOCK_IDS } from '../ids.ts';
import { fieldsSection, textSection } from '../views/blocks.ts';
import { button } from '../views/inputs.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { alertOptionLines } from './alert-options.ts';
import { type PauseReason, pausedSentence, resumeLine } from './alerts-paused.ts';
import { type BotMessage, botMessage, slackDate, userMention } from './message.ts';

/** The alert fields the settings message shows. */
export type AlertSettings = Pick<
  AlertSubscription,
  'accountId' | 'thresholdMils' | 'ownerUserId' | 'state' | 'lastBalanceMils' | 'lastCheckedAt'
> &
  AlertOptions;

/**
 * The ephemeral answer to `/postage alerts`: this channel's alert, or how to set one. A paused alert
 * (its owner's login refused or forgotten) says so instead of "Watching": paused, why, who can fix it.
 */
export function alertSettingsMessage(
  subscription: AlertSettings | null,
  options: { environmentLabel: string | null; paused?: PauseReason | null; now?: Date },
): BotMessage {
  if (subscription === null) {
    const text =
      'No low-balance alerts in this channel. Turn them on with `/postage alerts 50` (any amount).';
    return botMessage(options.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
  }
  const threshold = formatUsd(subscription.thresholdMils);
  const account = escapeMrkdwn(subscription.accountId);
  const paused = options.paused ?? null;
  const text =
    paused === null
      ? `Low-balance alerts in this channel: account ${account} below ${threshold}.`
      : `Low-balance alerts in this channel: account ${account} below ${threshold}. ${pausedSentence(subscription, paused)}`;
  const state =
    paused !== null
      ? 'Paused: not checked'
      : subscription.state === 'alerted'
        ? 'Alerted: the balance is below the threshold'
        : 'Watching';
  const pausedBlocks =
    paused === null
      ? []
      : [
          textSection(
            BLOCK_IDS.failure,
            `:double_vertical_bar: ${pausedSentence(subscription, paused)}\n${resumeLine(subscription.ownerUserId, subscription.thresholdMils, paused, subscription.accountId)}`,
          ),
        ];
  return botMessage(options.environmentLabel, text, [
    textSection(
      BLOCK_IDS.intro,
      `:bell: Low-balance alerts in this channel: account ${account} below ${threshold}.`,
    ),
    ...pausedBlocks,
    fieldsSection(BLOCK_IDS.summary, [
      ['Account', subscription.accountId],
      ['Threshold', threshold],
      ['State', state],
      [
        'Postage balance (last read)',
        subscription.lastBalanceMils === null ? 'Not checked yet' : formatUsd(subscription.lastBalanceMils),
      ],
    ]),
    textSection(
      BLOCK_IDS.notice,
      `Set up by ${userMention(subscription.ownerUserId)}. Last checked: ${
        subscription.lastCheckedAt === null ? 'not yet' : slackDate(subscription.lastCheckedAt)
      }. Stop them with \`/postage alerts off\`.`,
    ),
    textSection(BLOCK_IDS.alertOptions, alertOptionLines(subscription, options.now).join('\n')),
    {
      type: 'actions',
      block_id: BLOCK_IDS.alertActions,
      elements: [button(ACTION_IDS.alertSettingsEdit, 'Edit')],
    },
  ]);
}

/**
 * Confirms `/postage alerts <amount>`: what will be watched, the balance now when it was read, and a
 * warning when the remembered pass phrase was refused before (no checks until the owner logs in again).
 */
export function alertsSetMessage(options: {
  accountId: string;
  thresholdMils: number;
  environmentLabel: string | null;
  balanceMils?: number | null;
  blocked?: boolean;
}): BotMessage {
  const threshold = formatUsd(options.thresholdMils);
  const lines = [
    `:bell: Low-balance alerts on: this channel will be told when the postage balance of account ${escapeMrkdwn(options.accountId)} falls below *${threshold}*.`,
  ];
  const balance = options.balanceMils ?? null;
  if (balance !== null) {
    const below = balance < options.thresholdMils ? ' (already below: an alert follows shortly)' : '';
    lines.push(`The balance is ${formatUsd(balance)} now${below}.`);
  }
  if (options.blocked === true) {
    lines.push(
      ':warning: Endicia refused your remembered pass phrase earlier, so nothing is checked until you log in again with `/postage buy` (tick *Remember*).',
    );
  }
  const text = lines.join('\n');
  return botMessage(options.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/** Answers `/postage alerts off`. */
export function alertsOffMessage(options: {
  /** True when this channel had an alert that is now deleted. */
  existed: boolean;
  environmentLabel: string | null;
}): BotMessage {
  const text = options.existed
    ? ':no_bell: Low-balance alerts in this channel are off.'
    : 'There were no low-balance alerts in this channel.';
  return botMessage(options.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/**
 * Answers `/postage alerts <amount>` when the amount is not one. The typed text is not repeated: a
 * person may paste anything into a slash command.
 */
export function thresholdErrorMessage(_amountText: string, environmentLabel: string | null): BotMessage {
  const text =
    'The alert threshold must be an amount in dollars above zero, with at most two decimals and a comma only between thousands: for example `/postage alerts 50`, `/postage alerts 125.50` or `/postage alerts $1,500`.';
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
