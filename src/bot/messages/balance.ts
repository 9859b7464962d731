import { formatUsd } from '../../lib/money.ts';
import type { BalanceCheck } from '../../machine/index.ts';
import { BLOCK_IDS } from '../ids.ts';
import { fieldsSection, textSection } from '../views/blocks.ts';
import { accountStatusLabel, escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage } from './message.ts';

/** What `/postage balance` shows: the actor's answer, in the environment it was read in. */
export type BalanceShown = Omit<Extract<BalanceCheck, { kind: 'ok' }>, 'kind'> & {
  environmentLabel: string | null;
};

/** The ephemeral answer to `/postage balance`: the remembered account's balance and status. */
export function balanceMessage(reading: BalanceShown): BotMessage {
  const balance = formatUsd(reading.balanceMils);
  const status = accountStatusLabel(reading.accountStatus);
  const text = `Account ${escapeMrkdwn(reading.accountId)}: postage balance *${balance}*, status ${escapeMrkdwn(status)}.`;
  return botMessage(reading.environmentLabel, text, [
    fieldsSection(BLOCK_IDS.summary, [
      ['Account Number', reading.accountId],
      ['Account Postage Balance', balance],
      ['Status', status],
    ]),
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
