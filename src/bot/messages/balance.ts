import { formatUsd } from '../../lib/money.ts';
import type { BalanceCheck } from '../../machine/index.ts';
import { ACTION_IDS, BLOCK_IDS } from '../ids.ts';
import { contextLine, fieldsSection, textSection } from '../views/blocks.ts';
import { button } from '../views/inputs.ts';
import { runwayText } from '../views/runway-text.ts';
import { accountStatusLabel, escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage, slackDate } from './message.ts';

/** What `/postage balance` shows: the actor's answer, when and in which environment it was read. */
export type BalanceShown = Omit<Extract<BalanceCheck, { kind: 'ok' }>, 'kind'> & {
  /** When Endicia answered (ISO 8601): a balance without its time reads as "now" forever. */
  readAt: string;
  environmentLabel: string | null;
};

/**
 * The ephemeral answer to `/postage balance`: the remembered account's balance, status and the time of
 * the reading, with a "Buy postage" button (the alert's `alert_buy` action: it opens the wizard).
 */
export function balanceMessage(reading: BalanceShown): BotMessage {
  const balance = formatUsd(reading.balanceMils);
  const status = accountStatusLabel(reading.accountStatus);
  const runway = runwayText(reading.runway);
  const lasts = runway === null ? '' : ` Runway: ${runway}.`;
  const text = `Account ${escapeMrkdwn(reading.accountId)}: postage balance *${balance}*, status ${escapeMrkdwn(status)}.${lasts}`;
  return botMessage(reading.environmentLabel, text, [
    fieldsSection(BLOCK_IDS.summary, [
      ['Account Number', reading.accountId],
      ['Postage balance', balance],
      ['Status', status],
      ...(runway === null ? [] : [['Runway', runway] as const]),
    ]),
    contextLine(BLOCK_IDS.notice, `Read from Endicia ${slackDate(reading.readAt)}.`),
    {
      type: 'actions',
      block_id: BLOCK_IDS.alertActions,
      elements: [button(ACTION_IDS.alertBuy, 'Buy postage', { value: reading.accountId, style: 'primary' })],
    },
  ]);
}

/** What `/postage balance` (or alerts) answers when nothing is remembered: how to remember an account. */
export function notRememberedMessage(environmentLabel: string | null): BotMessage {
  const text =
    'No Endicia account is remembered for you. Run `/postage buy`, log in and tick *Remember account number and pass phrase*; then `/postage balance` and low-balance alerts can use it.';
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/**
 * `/postage balance` when the remembered pass phrase was refused before: the bot does not try it again
 * (five wrong pass phrases suspend the account) until the person logs in with the wizard.
 */
export function blockedMessage(accountId: string, environmentLabel: string | null): BotMessage {
  const text = `:no_entry: Endicia refused the remembered pass phrase for account ${escapeMrkdwn(accountId)} earlier, so the bot does not use it any more: five wrong pass phrases in a row suspend the account. Run \`/postage buy\`, log in with the current pass phrase and tick *Remember* to use it again.`;
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}

/** A failure sentence written for people (a Failure's message, never an error's own text) with a ⚠. */
export function failureMessage(message: string, environmentLabel: string | null): BotMessage {
  const text = `:warning: ${escapeMrkdwn(message)}`;
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.failure, text)]);
}
