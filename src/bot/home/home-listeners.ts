import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
} from '@slack/bolt';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import { isPostageAdmin, ONLY_ADMINS } from '../settings/postage-admin.ts';
import { settingsView } from '../settings/settings-view.ts';
import { settingsOf } from '../settings/team-settings.ts';
import { openWizard } from '../wizard/open-wizard.ts';
import { teamOf } from '../wizard/owner.ts';
import { HOME_ACTIONS } from './home-view.ts';
import { publishHome } from './publish-home.ts';

type HomeOpened = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The Home tab: published when opened; its Buy postage and Edit (settings) buttons. */
export function registerHome(app: App, deps: BotDeps, background: Background): void {
  app.event('app_home_opened', (args: HomeOpened) => homeOpened(args, deps, background));
  app.action<BlockAction>(HOME_ACTIONS.buy, (args: ActionArgs) => homeBuy(args, deps, background));
  app.action<BlockAction>(HOME_ACTIONS.editSettings, (args: ActionArgs) =>
    homeEditSettings(args, deps, background),
  );
}

export async function homeOpened({ event, body, client }: HomeOpened, deps: BotDeps, background: Background) {
  if (event.tab !== 'home') return;
  const teamId = (body as { team_id?: string }).team_id ?? '';
  background.run('publish home', () => publishHome(client, deps, teamId, event.user));
}

export async function homeBuy({ ack, body, client }: ActionArgs, deps: BotDeps, background: Background) {
  await ack();
  const teamId = teamOf(body);
  background.run('home buy', async () => {
    const problem = await openWizard(client, deps, {
      triggerId: body.trigger_id,
      teamId,
      userId: body.user.id,
      channelId: null,
      entry: 'wizard',
      amountDraft: null,
    });
    // No response URL on the Home tab: the refusal (a non-buyer) comes by DM.
    if (problem) await client.chat.postMessage({ channel: body.user.id, text: problem });
  });
}

export async function homeEditSettings(
  { ack, body, client }: ActionArgs,
  deps: BotDeps,
  background: Background,
) {
  await ack();
  const teamId = teamOf(body);
  background.run('home edit settings', async () => {
    if (!(await isPostageAdmin(client, deps, teamId, body.user.id))) {
      await client.chat.postMessage({ channel: body.user.id, text: ONLY_ADMINS });
      return;
    }
    const settings = await settingsOf(deps.settings, teamId);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: settingsView(settings, deps.environmentLabel),
    });
  });
}
