import type { Background } from '../background.ts';
import type { CommandArgs } from '../commands/reply.ts';
import type { BotDeps } from '../deps.ts';
import { HISTORY_SHOWN, historyMessage } from '../messages/index.ts';
import { isPostageAdmin } from './postage-admin.ts';
import { purchasesCsv } from './purchases-csv.ts';

export const ONLY_ADMINS_SEE = 'Only postage admins can see the whole workspace’s purchases.';
// The most purchases one export holds (newest first); the SQL table lifts it.
const EXPORT_MAX = 2_000;

/** `/postage history all`: postage admins see the workspace's recent purchases and who bought them. */
export async function historyAllCommand(args: CommandArgs, deps: BotDeps): Promise<void> {
  const { command, ack, client } = args;
  if (!(await isPostageAdmin(client, deps, command.team_id, command.user_id)))
    return ack({ response_type: 'ephemeral', text: ONLY_ADMINS_SEE });
  try {
    const records = await deps.purchases.listByTeam(command.team_id, HISTORY_SHOWN);
    return ack({
      response_type: 'ephemeral',
      ...historyMessage(records, { environmentLabel: deps.environmentLabel, workspace: true }),
    });
  } catch (error) {
    deps.logger.error('/postage history all failed', { error });
    return ack({ response_type: 'ephemeral', text: 'Could not read the purchases — try again.' });
  }
}

/**
 * `/postage export`: postage admins get a CSV of the workspace's purchases by DM, through Slack's
 * current upload flow (files.getUploadURLExternal, the upload, files.completeUploadExternal).
 */
export async function exportCommand(args: CommandArgs, deps: BotDeps, background: Background): Promise<void> {
  const { command, ack, client, respond } = args;
  if (!(await isPostageAdmin(client, deps, command.team_id, command.user_id)))
    return ack({ response_type: 'ephemeral', text: ONLY_ADMINS_SEE });
  await ack({
    response_type: 'ephemeral',
    text: 'Preparing the CSV of the workspace’s purchases; it comes by DM.',
  });
  background.run('export', async () => {
    try {
      const records = await deps.purchases.listByTeam(command.team_id, EXPORT_MAX);
      const dm = await client.conversations.open({ users: command.user_id });
      const channel = dm.channel?.id;
      if (!channel) throw new Error('no DM channel');
      const day = deps.now().toISOString().slice(0, 10);
      await client.filesUploadV2({
        channel_id: channel,
        content: purchasesCsv(records),
        filename: `postage-purchases-${day}.csv`,
        title: `Postage purchases (${records.length})`,
        initial_comment: `The workspace's purchases through the bot, newest first (${records.length}).`,
      });
    } catch (error) {
      deps.logger.error('/postage export failed', { error });
      await respond({ response_type: 'ephemeral', text: 'Could not send the CSV — try again.' });
    }
  });
}
