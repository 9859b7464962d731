import type { ChannelQueue, DigestPoster } from '../../alerts/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { slackErrorCode } from '../announce.ts';
import { clientResolver, type SlackClients } from '../clients.ts';
import { weeklyDigestMessage } from '../messages/weekly-digest.ts';

/**
 * Posts weekly digests with each workspace's own client (OAuth mode) through the alerts' channel queue
 * (a rate limit waits there). A refusal (the bot not in the channel, an archived channel, a revoked
 * token) is logged with Slack's code and reported as not posted: the scheduler does not try again.
 */
export function createDigestPoster(options: {
  client: SlackClients;
  queue: ChannelQueue;
  logger: Logger;
  environmentLabel: string | null;
}): DigestPoster {
  const clientFor = clientResolver(options.client);
  return async (sub, digest) => {
    try {
      const client = await clientFor(sub.teamId);
      if (client === null) return false;
      const message = weeklyDigestMessage({
        accountId: sub.accountId,
        digest,
        environmentLabel: options.environmentLabel,
      });
      await options.queue.enqueue(sub.channelId, () =>
        client.chat.postMessage({ channel: sub.channelId, text: message.text, blocks: message.blocks }),
      );
      return true;
    } catch (error) {
      options.logger.warn('weekly digest not posted', {
        teamId: sub.teamId,
        channelId: sub.channelId,
        code: slackErrorCode(error),
        error,
      });
      return false;
    }
  };
}
