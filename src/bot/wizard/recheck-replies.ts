import type { Logger } from '../../lib/logger.ts';
import type { Verdict } from '../../lib/purchase-outcome.ts';
import type { PurchaseRecord } from '../../store/index.ts';
import { announce } from '../announce.ts';
import { clientResolver, type SlackClients } from '../clients.ts';
import { recheckMessage } from '../messages/recheck.ts';

/**
 * Tells the outcome of an unconfirmed purchase's later re-checks in its receipt's thread; without a known
 * receipt (it was never posted), where the wizard was started or by DM, like the receipt itself.
 */
export function recheckReplies(
  clients: SlackClients,
  options: { logger: Logger; environmentLabel: string | null },
): { told(record: PurchaseRecord, verdict: Verdict): Promise<void> } {
  return {
    async told(record, verdict) {
      const client = await clientResolver(clients)(record.teamId);
      if (client === null) return;
      const message = recheckMessage(record, verdict, options.environmentLabel);
      if (record.receipt) {
        try {
          await client.chat.postMessage({
            channel: record.receipt.channelId,
            thread_ts: record.receipt.ts,
            text: message.text,
            blocks: message.blocks,
          });
          return;
        } catch (error) {
          options.logger.warn('could not reply in the receipt thread', {
            requestId: record.requestId,
            error,
          });
        }
      }
      await announce(client, options.logger, { channelId: record.channelId, userId: record.userId }, message);
    },
  };
}
