import type { Background } from '../background.ts';
import type { CommandArgs } from '../commands/reply.ts';
import type { BotDeps } from '../deps.ts';
import { isPostageAdmin, ONLY_ADMINS } from './postage-admin.ts';
import { settingsView } from './settings-view.ts';
import { settingsOf } from './team-settings.ts';

/** `/postage settings`: postage admins get the modal; everyone else a short ephemeral refusal. */
export async function settingsCommand(
  args: CommandArgs,
  deps: BotDeps,
  background: Background,
): Promise<void> {
  const { command, ack, client, respond } = args;
  if (!(await isPostageAdmin(client, deps, command.team_id, command.user_id))) {
    return ack({ response_type: 'ephemeral', text: ONLY_ADMINS });
  }
  await ack();
  background.run('open settings', async () => {
    try {
      const settings = await settingsOf(deps.settings, command.team_id);
      await client.views.open({
        trigger_id: command.trigger_id,
        view: settingsView(settings, deps.environmentLabel),
      });
    } catch (error) {
      deps.logger.warn('could not open the settings modal', { error });
      await respond({
        response_type: 'ephemeral',
        text: 'Slack could not open the settings window. Please try again.',
      });
    }
  });
}
