import type { AlertNotifier, ChannelQueue } from '../../alerts/index.ts';
import type { Logger } from '../../lib/logger.ts';
import type { LockoutNotifier } from '../../never-lock/index.ts';
import type { PurchaseStore } from '../../store/index.ts';
import { slackErrorCode } from '../announce.ts';
import { clientResolver, type SlackClients } from '../clients.ts';
import {
  alertsPausedNotice,
  type BotMessage,
  balanceRecovered,
  credentialsRefusedNotice,
  lowBalanceAlert,
  recoveredReply,
  typingHeldNotice,
} from '../messages/index.ts';
import { topUpsSince } from './topped-up.ts';

/**
 * The alert monitor's way out, through Slack. `client` must be the alerts' own WebClient (rejecting
 * rate-limited calls instead of pausing): a 429 then waits in this channel's queue, never in front of
 * the wizard's views.update calls. In OAuth mode it resolves each workspace's own client; a workspace
 * with no installation gets nothing (logged once per dropped message). Never throws; failures are
 * logged and reported as "not posted".
 */
export function createSlackAlertNotifier(options: {
  client: SlackClients;
  queue: ChannelQueue;
  logger: Logger;
  environmentLabel: string | null;
  /** The purchase journal: a recovery then says who topped up through the bot. */
  purchases?: Pick<PurchaseStore, 'listByAccount'>;
}): AlertNotifier & LockoutNotifier {
  const { queue, logger, environmentLabel } = options;
  const clientFor = clientResolver(options.client);
  const dm = async (teamId: string, userId: string, message: BotMessage, what: string) => {
    try {
      const client = await clientFor(teamId);
      if (client === null) return;
      const opened = await client.conversations.open({ users: userId });
      const channel = opened.channel?.id;
      if (!channel) return;
      await queue.enqueue(channel, () =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }),
      );
    } catch (error) {
      logger.warn(`${what} not sent`, { userId, code: slackErrorCode(error), error });
    }
  };
  const post = async (teamId: string, channel: string, message: BotMessage) => {
    try {
      const client = await clientFor(teamId);
      if (client === null) return;
      await queue.enqueue(channel, () =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }),
      );
    } catch (error) {
      logger.warn('alerts-paused note not posted', {
        channelId: channel,
        code: slackErrorCode(error),
        error,
      });
    }
  };
  return {
    async postAlert(sub, balanceMils) {
      const message = lowBalanceAlert({
        accountId: sub.accountId,
        balanceMils,
        thresholdMils: sub.thresholdMils,
        environmentLabel,
      });
      try {
        const client = await clientFor(sub.teamId);
        if (client === null) return null;
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
      const alertAt = new Date(Number.parseFloat(ts) * 1000);
      const since = low?.checkedAt ?? (Number.isFinite(alertAt.getTime()) ? alertAt.toISOString() : null);
      const toppedUpBy = options.purchases
        ? await topUpsSince(options.purchases, sub, since).catch((error: unknown) => {
            logger.warn('could not read who topped up', { channelId: sub.channelId, error });
            return [];
          })
        : [];
      const message = balanceRecovered(
        reading,
        { alertTs: ts, lowMils: low?.balanceMils ?? null, lowAt: low?.checkedAt ?? null },
        toppedUpBy,
      );
      const reply = recoveredReply(reading, toppedUpBy);
      try {
        const client = await clientFor(sub.teamId);
        if (client === null) return;
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
    async accountBlocked(teamId, accountId, owners, why) {
      for (const owner of owners) {
        const message = credentialsRefusedNotice({
          accountId,
          channels: owner.channels,
          environmentLabel,
          why,
        });
        await dm(teamId, owner.userId, message, 'credentials-refused notice');
        // The channels are told too: an alert that checks nothing must not look like protection.
        const paused = { ownerUserId: owner.userId, accountId, thresholdMils: null };
        const note = alertsPausedNotice(paused, { kind: 'refused', at: null }, environmentLabel);
        await Promise.all(owner.channels.map((channel) => post(teamId, channel, note)));
      }
    },
    async typingHeld(teamId, accountId, owners, until) {
      for (const owner of owners) {
        await dm(
          teamId,
          owner.userId,
          typingHeldNotice({ accountId, until, environmentLabel }),
          'typing-held notice',
        );
      }
    },
  };
}
