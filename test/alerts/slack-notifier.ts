import type { webApi } from '@slack/bolt';
import type { AlertNotifier, ChannelQueue } from '../../src/alerts/index.ts';
import { formatUsd } from '../../src/lib/money.ts';
import type { LockoutNotifier } from '../../src/never-lock/index.ts';

/** The action id the bot's Buy button listener would match. */
export const BUY_ACTION_ID = 'alerts/buy';

/**
 * A minimal Slack AlertNotifier for tests (the bot's real one lives in src/bot with its own message
 * builders): every call goes through the channel queue, on a WebClient that rejects rate-limited calls.
 */
export function slackNotifier(
  client: webApi.WebClient,
  queue: ChannelQueue,
): AlertNotifier & LockoutNotifier {
  const body = (accountId: string, line: string, withButton: boolean) => ({
    text: line,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: line } },
      ...(withButton
        ? [
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  action_id: BUY_ACTION_ID,
                  text: { type: 'plain_text', text: 'Buy postage' },
                  value: accountId,
                },
              ],
            },
          ]
        : []),
    ],
  });
  return {
    async postAlert(sub, balanceMils) {
      const line = `Endicia account ${sub.accountId} is low: ${formatUsd(balanceMils)} (alert below ${formatUsd(sub.thresholdMils)}).`;
      const answer = await queue.enqueue(sub.channelId, () =>
        client.chat.postMessage({ channel: sub.channelId, ...body(sub.accountId, line, true) }),
      );
      return typeof answer.ts === 'string' ? { ts: answer.ts } : null;
    },
    async markRecovered(sub, balanceMils) {
      const ts = sub.alertMessageTs;
      if (ts === null) return;
      const line = `Endicia account ${sub.accountId} recovered: ${formatUsd(balanceMils)} (alert below ${formatUsd(sub.thresholdMils)}).`;
      await queue.enqueue(sub.channelId, () =>
        client.chat.update({ channel: sub.channelId, ts, ...body(sub.accountId, line, false) }),
      );
    },
    async accountBlocked(_teamId, accountId, owners) {
      for (const owner of owners) {
        const text = `Endicia refused the remembered pass phrase for account ${accountId}; alerts in ${owner.channels.length} channel(s) are paused until you log in again with /postage buy.`;
        await queue.enqueue(owner.userId, () => client.chat.postMessage({ channel: owner.userId, text }));
      }
    },
    async typingHeld() {},
  };
}
