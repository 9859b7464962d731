import type { App } from '@slack/bolt';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import { helpMessage } from '../messages/index.ts';
import { exportCommand, historyAllCommand } from '../settings/admin-commands.ts';
import { settingsCommand } from '../settings/settings-command.ts';
import { openWizard } from '../wizard/open-wizard.ts';
import { forgetCommand, historyCommand } from './account-records.ts';
import { alertsCommand, type ChannelNote } from './alerts.ts';
import { balanceCommand } from './balance.ts';
import { unknownCommand } from './did-you-mean.ts';
import { parseCommand } from './parse-command.ts';
import type { CommandArgs } from './reply.ts';
import { orSorry, STORE_FAILED } from './store-failed.ts';

/** `/postage …`: every branch acks within Slack's 3 s; slow Endicia answers follow through response_url. */
export function registerPostageCommand(app: App, deps: BotDeps, background: Background): void {
  app.command(/^\/postage/, (args: CommandArgs) => postageCommand(args, deps, background));
}

/** The listener body, callable without an App (unit tests hand it a fake `ack` and `client`). */
export async function postageCommand(
  args: CommandArgs,
  deps: BotDeps,
  background: Background,
): Promise<void> {
  const { command, ack, client, respond } = args;
  const parsed = parseCommand(command.text ?? '');
  const who = { teamId: command.team_id, userId: command.user_id, channelId: command.channel_id };
  const note: ChannelNote = (channelId, message) =>
    background.run('channel note', () =>
      client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks }),
    );
  switch (parsed.kind) {
    case 'buy':
    case 'passphrase': {
      await ack();
      // Tracked, so a graceful stop lets a half-opened wizard finish rather than close the store under it.
      background.run('open wizard', async () => {
        const problem = await openWizard(client, deps, {
          triggerId: command.trigger_id,
          ...who,
          entry: parsed.kind === 'buy' ? 'wizard' : 'passphrase',
          amountDraft: parsed.kind === 'buy' ? parsed.amountDraft : null,
        }).catch((error: unknown) => {
          // The wizard's page could not be saved (a full disk): say so rather than show nothing.
          deps.logger.error('could not open the wizard', { error });
          return STORE_FAILED;
        });
        if (problem) await respond({ response_type: 'ephemeral', text: problem });
      });
      return;
    }
    case 'balance':
      return balanceCommand(args, deps, background, who);
    case 'alerts-set':
    case 'alerts-off':
    case 'alerts-show':
      return ack({
        response_type: 'ephemeral',
        ...(await orSorry(deps, 'alerts', alertsCommand(parsed, deps, who, note))),
      });
    case 'forget':
      return ack({
        response_type: 'ephemeral',
        ...(await orSorry(deps, 'forget', forgetCommand(deps, who, note))),
      });
    case 'history':
      return ack({
        response_type: 'ephemeral',
        ...(await orSorry(deps, 'history', historyCommand(deps, who))),
      });
    case 'settings':
      return settingsCommand(args, deps, background);
    case 'history-all':
      return historyAllCommand(args, deps);
    case 'export':
      return exportCommand(args, deps, background);
    case 'unknown':
      return ack({
        response_type: 'ephemeral',
        ...helpMessage(deps.environmentLabel, unknownCommand(parsed.word)),
      });
    default:
      return ack({ response_type: 'ephemeral', ...helpMessage(deps.environmentLabel) });
  }
}
