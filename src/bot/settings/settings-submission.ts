import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import { channelMention, userMention } from '../messages/message.ts';
import { teamOf } from '../wizard/owner.ts';
import { isPostageAdmin, ONLY_ADMINS } from './postage-admin.ts';
import { settingsChanges } from './settings-changes.ts';
import { parseSettingsForm } from './settings-form.ts';
import { SETTINGS_BLOCKS, SETTINGS_CALLBACK_ID } from './settings-ids.ts';
import { settingsOf } from './team-settings.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function registerSettingsSubmission(app: App, deps: BotDeps, background: Background): void {
  app.view<ViewSubmitAction>(SETTINGS_CALLBACK_ID, (args: Args) =>
    settingsSubmission(args, deps, background),
  );
}

/**
 * Save: field errors like every form; only a postage admin's submission is kept; every change is an
 * audit record (who, when, old → new) and is announced in the approvals channel when there is one.
 */
export async function settingsSubmission(
  { ack, body, view, client }: Args,
  deps: BotDeps,
  background: Background,
) {
  const parsed = parseSettingsForm(view.state.values);
  if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
  const teamId = teamOf(body);
  const userId = body.user.id;
  if (!(await isPostageAdmin(client, deps, teamId, userId)))
    return ack({ response_action: 'errors', errors: { [SETTINGS_BLOCKS.approvalAbove]: ONLY_ADMINS } });
  const before = await settingsOf(deps.settings, teamId);
  const lines = settingsChanges(before, parsed.fields);
  if (lines.length === 0) return ack();
  const at = deps.now().toISOString();
  try {
    await deps.settings.put({ ...parsed.fields, teamId, updatedBy: userId, updatedAt: at });
    await deps.audit.add({
      id: deps.newId(),
      teamId,
      kind: 'settings-change',
      actorId: userId,
      subjectId: null,
      accountId: null,
      amountMils: null,
      transactionId: null,
      detail: lines.join('\n'),
      at,
    });
  } catch (error) {
    deps.logger.error('could not save the settings', { error });
    return ack({
      response_action: 'errors',
      errors: { [SETTINGS_BLOCKS.approvalAbove]: 'Could not save — nothing was changed, try again.' },
    });
  }
  await ack();
  const channel = parsed.fields.approvalsChannelId ?? before.approvalsChannelId;
  if (channel === null) return;
  const text = `${userMention(userId)} changed the postage settings:\n${lines.map((l) => `• ${l}`).join('\n')}`;
  background.run('announce settings', async () => {
    await client.chat.postMessage({ channel, text }).catch((error: unknown) => {
      deps.logger.warn('could not announce the settings change', { channel: channelMention(channel), error });
    });
  });
}
