import { formatUsd } from '../../lib/money.ts';
import { ACTION_IDS, BLOCK_IDS } from '../ids.ts';
import { textSection } from '../views/blocks.ts';
import { button } from '../views/inputs.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage } from './message.ts';

/** A runway warning's figures; `runway` is the text ("about 3 days left at this week's rate"). */
export interface RunwayWarningReading {
  accountId: string;
  balanceMils: number;
  warnDays: number;
  runway: string | null;
  environmentLabel: string | null;
}

/** Posted once when the runway drops under the warning's days while the balance is above the threshold. */
export function runwayWarningMessage(reading: RunwayWarningReading): BotMessage {
  const days = `${reading.warnDays} day${reading.warnDays === 1 ? '' : 's'}`;
  const text = `:hourglass_flowing_sand: *Postage running out:* account ${escapeMrkdwn(reading.accountId)} has ${formatUsd(reading.balanceMils)}, ${reading.runway ?? 'a short runway'} — under the ${days} warning.`;
  return botMessage(reading.environmentLabel, text, [
    textSection(BLOCK_IDS.summary, text),
    {
      type: 'actions',
      block_id: BLOCK_IDS.alertActions,
      elements: [button(ACTION_IDS.alertBuy, 'Buy postage', { value: reading.accountId, style: 'primary' })],
    },
  ]);
}

/** The warning, edited once the runway is back at or over the warning's days (no button any more). */
export function runwayRecoveredMessage(reading: RunwayWarningReading): BotMessage {
  const text = `:white_check_mark: Runway recovered: account ${escapeMrkdwn(reading.accountId)} has ${formatUsd(reading.balanceMils)}${reading.runway === null ? '' : `, ${reading.runway}`} (warning under ${reading.warnDays} days).`;
  return botMessage(reading.environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
