import { type AlertNotifier, type ChannelQueue, handlingOf } from '../../alerts/index.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Runway } from '../../machine/index.ts';
import type { LockoutNotifier } from '../../never-lock/index.ts';
import type { AlertSubscription, PurchaseStore } from '../../store/index.ts';
import { slackErrorCode } from '../announce.ts';
import { clientResolver, type SlackClients } from '../clients.ts';
import {
  alertsPausedNotice,
  type BotMessage,
  balanceRecovered,
  credentialsRefusedNotice,
  escalationReply,
  lowBalanceAlert,
  recoveredReply,
  reloadOffNotice,
  reloadReply,
  runwayRecoveredMessage,
  runwayWarningMessage,
  type ThresholdReading,
  typingHeldNotice,
} from '../messages/index.ts';
import { rateRunwayText } from '../views/runway-text.ts';
import { alertRunway, type RunwayOf } from './alert-runway.ts';
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
  /** The runway forecast: alerts and their recovery say how long the balance lasts. Absent = not said. */
  runway?: RunwayOf;
  now?: () => Date;
}): AlertNotifier & LockoutNotifier {
  const { queue, logger, environmentLabel } = options;
  const clientFor = clientResolver(options.client);
  const now = options.now ?? (() => new Date());
  const warningOf = (sub: AlertSubscription, balanceMils: number, runway: Runway | null) => ({
    accountId: sub.accountId,
    balanceMils,
    warnDays: sub.runwayWarningDays ?? 0,
    runway: rateRunwayText(runway),
    environmentLabel,
  });
  /** The alert's figures at `balanceMils`, with the runway when known. */
  const readingOf = async (sub: AlertSubscription, balanceMils: number): Promise<ThresholdReading> => ({
    accountId: sub.accountId,
    balanceMils,
    thresholdMils: sub.thresholdMils,
    environmentLabel,
    runway: await alertRunway(options.runway, logger, sub, balanceMils, now()),
  });
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
  /** Posts a message whose ts is kept (to edit it later); null when not posted (logged). */
  const postFor = async (teamId: string, channel: string, message: BotMessage, what: string) => {
    try {
      const client = await clientFor(teamId);
      if (client === null) return null;
      const posted = await queue.enqueue(channel, () =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }),
      );
      return posted.ts ? { ts: posted.ts } : null;
    } catch (error) {
      logger.warn(`${what} not posted`, { channelId: channel, code: slackErrorCode(error), error });
      return null;
    }
  };
  /** A reply in the thread of `ts`; false when not posted (logged). */
  const replyIn = async (teamId: string, channel: string, ts: string, message: BotMessage, what: string) => {
    try {
      const client = await clientFor(teamId);
      if (client === null) return false;
      await queue.enqueue(channel, () =>
        client.chat.postMessage({ channel, thread_ts: ts, text: message.text, blocks: message.blocks }),
      );
      return true;
    } catch (error) {
      logger.warn(`${what} not posted`, { channelId: channel, code: slackErrorCode(error), error });
      return false;
    }
  };
  /** Edits a message the notifier posted; failures are logged. */
  const editFor = async (teamId: string, channel: string, ts: string, message: BotMessage, what: string) => {
    try {
      const client = await clientFor(teamId);
      if (client === null) return;
      await queue.enqueue(channel, () =>
        client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }),
      );
    } catch (error) {
      logger.warn(`${what} not edited`, { channelId: channel, code: slackErrorCode(error), error });
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
      const message = lowBalanceAlert(await readingOf(sub, balanceMils));
      return postFor(sub.teamId, sub.channelId, message, 'low-balance alert');
    },
    async markRecovered(sub, balanceMils, low) {
      const ts = sub.alertMessageTs;
      if (ts === null) return;
      const reading = await readingOf(sub, balanceMils);
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
    async postEscalation(sub, balanceMils) {
      const ts = sub.alertMessageTs;
      if (ts === null) return;
      const reading = await readingOf(sub, balanceMils);
      const reply = escalationReply(reading, sub.escalateTo ?? [], sub.escalateAfterHours ?? 0);
      const edited = lowBalanceAlert(reading, handlingOf(sub));
      // In the thread (the channel is not flooded), and the alert itself says who was told.
      if (!(await replyIn(sub.teamId, sub.channelId, ts, reply, 'escalation'))) return;
      await editFor(sub.teamId, sub.channelId, ts, edited, 'escalated alert');
    },
    async showReload(sub, balanceMils, report) {
      const ts = sub.alertMessageTs;
      if (report.kind === 'failed') {
        await dm(
          sub.teamId,
          sub.ownerUserId,
          reloadOffNotice(environmentLabel, sub.channelId, report.text),
          'reload-off notice',
        );
      }
      if (ts === null) return;
      if (report.kind === 'bought' || report.kind === 'unconfirmed') {
        const reply = reloadReply(environmentLabel, report.text);
        await replyIn(sub.teamId, sub.channelId, ts, reply, 'reload receipt');
      }
      // The alert itself says what happened (the balance it was posted at, the note under it).
      const edited = lowBalanceAlert(await readingOf(sub, balanceMils), handlingOf(sub));
      await editFor(sub.teamId, sub.channelId, ts, edited, 'alert with its reload');
    },
    async postRunwayWarning(sub, balanceMils, runway) {
      const message = runwayWarningMessage(warningOf(sub, balanceMils, runway));
      return postFor(sub.teamId, sub.channelId, message, 'runway warning');
    },
    async markRunwayRecovered(sub, balanceMils, runway) {
      const ts = sub.runwayAlertTs ?? null;
      if (ts === null) return;
      const message = runwayRecoveredMessage(warningOf(sub, balanceMils, runway));
      await editFor(sub.teamId, sub.channelId, ts, message, 'runway warning');
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
