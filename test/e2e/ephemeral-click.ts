import type { BlockAction } from '@slack/bolt';
import { SIGNING_SECRET } from '../helpers/bot-harness.ts';
import {
  elementAction,
  type FakeSlack,
  findElement,
  interactiveBody,
  type SlackUser,
  signRequest,
} from '../helpers/fake-slack/index.ts';

/**
 * Clicks a button in an ephemeral reply (a slash command's ack body), as Slack sends it: container
 * `message` with `is_ephemeral`, no `message` field, a fresh trigger and response URL. Signed like Slack.
 */
export async function clickEphemeralButton(
  fake: FakeSlack,
  user: SlackUser,
  reply: unknown,
  channelId: string,
  actionId: string,
): Promise<number> {
  const blocks = (reply as { blocks?: unknown[] } | undefined)?.blocks ?? [];
  const found = findElement(blocks, actionId);
  if (found === undefined) throw new Error(`no ${actionId} in the reply`);
  const payload: BlockAction = {
    type: 'block_actions',
    user: {
      id: user.actor.userId,
      username: user.actor.userName,
      name: user.actor.userName,
      team_id: user.actor.teamId,
    },
    team: { id: user.actor.teamId, domain: user.actor.teamDomain },
    api_app_id: user.actor.apiAppId,
    token: 'fake-verification-token',
    container: {
      type: 'message',
      message_ts: '1700000000.000000',
      channel_id: channelId,
      is_ephemeral: true,
    },
    trigger_id: fake.issueTriggerId(user.key),
    channel: { id: channelId, name: channelId.toLowerCase() },
    response_url: fake.newResponseUrl(),
    is_enterprise_install: false,
    actions: [elementAction(found)],
  } as BlockAction;
  const body = interactiveBody(payload);
  const result = await user.postRaw(body, { ...signRequest(SIGNING_SECRET, body) });
  return result.status;
}
