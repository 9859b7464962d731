import type { WebClient } from '@slack/web-api';
import type { AlertNotifier, ChannelQueue } from '../../alerts/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { slackErrorCode } from '../announce.ts';
import {
  alertsPausedNotice,
  balanceRecovered,
  credentialsRefusedNotice,
  lowBalanceAlert,
  recoveredReply,
} from '../messages/index.ts';

/**
 * The alert monitor's way out, through Slack. `client` must be the alerts' own WebClient (rejecting
 * rate-limited calls instead of pausing): a 429 then waits in this channel's queue, never in front of
 * the wizard's views.update calls. Never throws; failures are logged and reported as "not posted".
 */
export function createSlackAlertNotifier(options: {
  client: WebClient;
  queue: ChannelQueue;
  logger: Logger;
  environmentLabel: string | null;
}): AlertNotifier {
  const { client, queue, logger, environmentLabel } = options;
  return {
    async postAlert(sub, balanceMils) {
      const message = lowBalanceAlert({
        accountId: sub.accountId,
        balanceMils,
        thresholdMils: sub.thresholdMils,
        environmentLabel,
      });
      try {
        const posted = await queue.enqueue(sub.channelId, () =>
          client.chat.postMessage({ channel: sub.channelId, text: message.text, blocks: message.blocks }),
        );
        return posted.ts ? { ts: posted.ts } : null;
      } catch (error) {
        logger.warn('low-balance alert not posted', {
          channelId: sub.channelId,
          code: slackErrorCode(error),
          error,
        });
        return null;
      }
    },
    async markRecovered(sub, balanceMils, low) {
      const ts = sub.alertMessageTs;
      if (ts === null) return;
      const reading = {
        accountId: sub.accountId,
        balanceMils,
        thresholdMils: sub.thresholdMils,
        environmentLabel,
      };
      const message = balanceRecovered(reading, {
        alertTs: ts,
        lowMils: low?.balanceMils ?? null,
        lowAt: low?.checkedAt ?? null,
      });
      const reply = recoveredReply(reading);
      try {
        await queue.enqueue(sub.channelId, () =>
          client.chat.update({ channel: sub.channelId, ts, text: message.text, blocks: message.blocks }),
        );
        // Follow-ups go in the alert's thread: the edit alone tells nobody that it recovered.
        await queue.enqueue(sub.channelId, () =>
          client.chat.postMessage({
            channel: sub.channelId,
            thread_ts: ts,
            text: reply.text,
            blocks: reply.blocks,
          }),
        );
      } catch (error) {
        logger.warn('low-balance alert not edited', {
          channelId: sub.channelId,
          code: slackErrorCode(error),
          error,
        });
      }
    },
    async notifyCredentialsRefused(owner, accountId, channels) {
      const message = credentialsRefusedNotice({ accountId, channels, environmentLabel });
      try {
        const dm = await client.conversations.open({ users: owner.userId });
        const channel = dm.channel?.id;
        if (!channel) return;
        await queue.enqueue(channel, () =>
          client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }),
        );
      } catch (error) {
        logger.warn('credentials-refused notice not sent', {
          userId: owner.userId,
          code: slackErrorCode(error),
          error,
        });
      }
      // The channels are told too: an alert that checks nothing must not look like protection.
      const paused = { ownerUserId: owner.userId, accountId, thresholdMils: null };
      const note = alertsPausedNotice(paused, { kind: 'refused', at: null }, environmentLabel);
      await Promise.all(
        channels.map((channel) =>
          queue
            .enqueue(channel, () =>
              client.chat.postMessage({ channel, text: note.text, blocks: note.blocks }),
            )
            .catch((error: unknown) =>
              logger.warn('alerts-paused note not posted', {
                channelId: channel,
                code: slackErrorCode(error),
                error,
              }),
            ),
        ),
      );
    },
  };
}
