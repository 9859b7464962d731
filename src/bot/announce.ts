import type { WebClient } from '@slack/web-api';
import type { Logger } from '../lib/logger.ts';
import type { BotMessage } from './messages/index.ts';

/** Errors that mean "this channel will not take our message", so the buyer gets a DM instead. */
const CHANNEL_REFUSALS = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'cannot_reply_to_message',
  'missing_scope',
  'ekm_access_denied',
]);

/**
 * Posts where the wizard was started (chat:write.public reaches public channels without joining);
 * falls back to a DM to `userId` when the channel refuses. Returns where it landed, or null.
 */
export async function announce(
  client: WebClient,
  logger: Logger,
  target: { channelId: string | null; userId: string },
  message: BotMessage,
): Promise<{ channel: string; ts: string } | null> {
  if (target.channelId !== null) {
    try {
      const posted = await client.chat.postMessage({
        channel: target.channelId,
        text: message.text,
        blocks: message.blocks,
      });
      if (posted.ts) return { channel: target.channelId, ts: posted.ts };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === null || !CHANNEL_REFUSALS.has(code))
        logger.warn('channel post failed', { channelId: target.channelId, error });
    }
  }
  try {
    const dm = await client.conversations.open({ users: target.userId });
    const channel = dm.channel?.id;
    if (!channel) return null;
    const posted = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
    });
    return posted.ts ? { channel, ts: posted.ts } : null;
  } catch (error) {
    logger.error('could not deliver message by DM either', { userId: target.userId, error });
    return null;
  }
}

/** The `error` field of a Slack platform error (`not_in_channel`), or null. */
export function slackErrorCode(error: unknown): string | null {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : null;
}
