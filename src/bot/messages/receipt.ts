import { centsToMils, formatUsd } from '../../lib/money.ts';
import type { PurchaseView } from '../../machine/index.ts';
import { BLOCK_IDS } from '../ids.ts';
import { fieldsSection, textSection } from '../views/blocks.ts';
import { clip, escapeMrkdwn } from '../views/text.ts';
import { uncertainSentence } from '../views/uncertain.ts';
import { type BotMessage, botMessage, userMention } from './message.ts';

/** What a receipt needs from a purchase (the wizard's PurchaseView has it all). */
export type ReceiptPurchase = Pick<
  PurchaseView,
  'amountCents' | 'balanceAfterMils' | 'transactionId' | 'message' | 'outcome' | 'confirmedBy'
>;

/** Who bought, for which account, and where the app runs. */
export interface ReceiptWho {
  accountId: string;
  userId: string;
  environmentLabel: string | null;
}

/**
 * The receipt posted when a purchase went through: amount, new balance, Endicia's transaction id and
 * message, and who bought. A purchase proven by the balance (answer lost) says so instead of an id.
 */
export function receiptMessage(purchase: ReceiptPurchase, who: ReceiptWho): BotMessage {
  const amount = formatUsd(centsToMils(purchase.amountCents));
  const balance = purchase.balanceAfterMils === null ? 'unknown' : formatUsd(purchase.balanceAfterMils);
  const account = escapeMrkdwn(who.accountId);
  const byBalance = purchase.confirmedBy === 'balance';
  const headline = `:white_check_mark: ${userMention(who.userId)} bought *${amount}* of postage for account ${account}. New balance: *${balance}*.`;
  const pairs: [string, string][] = [
    ['Amount', amount],
    ['Postage balance', balance],
    ['Account', who.accountId],
    ['Transaction ID', purchase.transactionId ?? (byBalance ? 'Not reported' : '—')],
  ];
  if (purchase.message !== null) pairs.push(['Response Message', clip(purchase.message, 1500)]);
  if (byBalance) pairs.push(['Confirmed by', "the new balance (Endicia's answer was lost)"]);
  return botMessage(who.environmentLabel, headline, [
    textSection(BLOCK_IDS.intro, headline),
    fieldsSection(BLOCK_IDS.summary, pairs),
  ]);
}

/**
 * Posted when a purchase's answer was lost and the balance could not prove it: the honest sentence,
 * the balance read afterwards (if any), and never an invitation to buy again blindly.
 */
export function uncertainMessage(purchase: ReceiptPurchase, who: ReceiptWho): BotMessage {
  const sentence = uncertainSentence(purchase.amountCents, purchase.balanceAfterMils);
  const headline = `:warning: ${userMention(who.userId)} tried to buy postage for account ${escapeMrkdwn(who.accountId)}. ${sentence}`;
  return botMessage(who.environmentLabel, headline, [textSection(BLOCK_IDS.intro, headline)]);
}
