import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../lib/logger.ts';
import type { RecoveredPurchase } from '../../store/index.ts';
import { announce, slackErrorCode } from '../announce.ts';
import { clientResolver, type SlackClients } from '../clients.ts';
import { CALLBACK_IDS } from '../ids.ts';
import { type BotMessage, receiptMessage, uncertainMessage } from '../messages/index.ts';
import { TITLES } from '../views/index.ts';
import { plain } from '../views/text.ts';

/** Tells each buyer what became of a purchase a crash interrupted (where the wizard was started, or by DM). */
export async function announceRecovered(
  clients: SlackClients,
  options: { logger: Logger; environmentLabel: string | null },
  recovered: readonly RecoveredPurchase[],
): Promise<void> {
  const clientFor = clientResolver(clients);
  for (const { record, outcome } of recovered) {
    const client = await clientFor(record.teamId);
    if (client === null) continue;
    const purchase = {
      amountCents: record.amountMils / 10,
      balanceAfterMils: record.balanceAfterMils,
      transactionId: record.transactionId,
      message: record.message,
      outcome,
      // Crash recovery decides from the balance only.
      confirmedBy: outcome === 'confirmed' ? ('balance' as const) : null,
    };
    const who = {
      accountId: record.accountId,
      userId: record.userId,
      environmentLabel: options.environmentLabel,
    };
    const message = outcome === 'confirmed' ? receiptMessage(purchase, who) : uncertainMessage(purchase, who);
    await announce(client, options.logger, { channelId: record.channelId, userId: record.userId }, message);
    if (record.viewId) await updateStuckModal(client, options.logger, record.viewId, message);
  }
}

/**
 * The buyer's modal still says "Buying… do not close this window": it gets the same outcome. The modal
 * may be gone (closed, or past Slack's lifetime for it); the outcome went to the channel anyway.
 */
async function updateStuckModal(client: WebClient, logger: Logger, viewId: string, message: BotMessage) {
  const view: ModalView = {
    type: 'modal',
    // A view with nothing to submit: no session behind it any more.
    callback_id: CALLBACK_IDS.closed,
    title: plain(TITLES.buy, 24),
    close: plain('Close', 24),
    blocks: message.blocks,
  };
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    logger.info('the interrupted purchase’s modal could not be updated (probably closed)', {
      code: slackErrorCode(error),
    });
  }
}
