import type { WebClient } from '@slack/web-api';
import type { RecoveredPurchase } from '../../actors/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { announce } from '../announce.ts';
import { receiptMessage, uncertainMessage } from '../messages/index.ts';

/** Tells each buyer what became of a purchase a crash interrupted (where the wizard was started, or by DM). */
export async function announceRecovered(
  client: WebClient,
  options: { logger: Logger; environmentLabel: string | null },
  recovered: readonly RecoveredPurchase[],
): Promise<void> {
  for (const { record, outcome } of recovered) {
    const purchase = {
      amountCents: record.amountMils / 10,
      balanceAfterMils: record.balanceAfterMils,
      transactionId: record.transactionId,
      message: record.message,
      outcome: outcome === 'confirmed' ? ('confirmed' as const) : ('uncertain' as const),
    };
    const who = {
      accountId: record.accountId,
      userId: record.userId,
      environmentLabel: options.environmentLabel,
    };
    const message = outcome === 'confirmed' ? receiptMessage(purchase, who) : uncertainMessage(purchase, who);
    await announce(client, options.logger, { channelId: record.channelId, userId: record.userId }, message);
  }
}
