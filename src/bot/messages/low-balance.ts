import { formatUsd } from '../../lib/money.ts';
import { ACTION_IDS, BLOCK_IDS } from '../ids.ts';
import { textSection } from '../views/blocks.ts';
import { button } from '../views/inputs.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage } from './message.ts';

/** A balance compared with a channel's alert threshold. */
export interface ThresholdReading {
  accountId: string;
  balanceMils: number;
  thresholdMils: number;
  environmentLabel: string | null;
}

/**
 * Posted once when the balance crosses below the threshold: account, balance, threshold, and a
 * "Buy postage" button (action `alert_buy`, value = the account number) that opens the wizard.
 */
export function lowBalanceAlert(reading: ThresholdReading): BotMessage {
  const text = `:warning: *Low postage balance:* account ${escapeMrkdwn(reading.accountId)} has *${formatUsd(reading.balanceMils)}*, below the alert threshold of ${formatUsd(reading.thresholdMils)}.`;
  return botMessage(reading.environmentLabel, text, [
    textSection(BLOCK_IDS.summary, text),
    {
      type: 'actions',
      block_id: BLOCK_IDS.alertActions,
      elements: [button(ACTION_IDS.alertBuy, 'Buy postage', { value: reading.accountId, style: 'primary' })],
    },
  ]);
}

/** The alert, edited in place once the balance is back above the threshold (no button any more). */
export function balanceRecovered(reading: ThresholdReading): BotMessage {
  const text = `:white_check_mark: Recovered: balance ${formatUsd(reading.balanceMils)} is above ${formatUsd(reading.thresholdMils)} for account ${escapeMrkdwn(reading.accountId)}.`;
  return botMessage(reading.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
