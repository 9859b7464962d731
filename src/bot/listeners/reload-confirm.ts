import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { RELOAD_OFF, updateSubscription } from '../../alerts/index.ts';
import { formatUsd } from '../../lib/money.ts';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import { alertSettingsMessage } from '../messages/index.ts';
import { RELOAD_CONFIRM_CALLBACK_ID, readReloadConfirmMeta } from '../views/reload-confirm-view.ts';
import { teamOf } from '../wizard/owner.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const NOT_OWNER =
  "Automatic reload was not turned on: only the alert's owner can (it buys with their remembered login), and the alert in this channel is not yours (any more).";

/**
 * "Turn on" in the reload confirmation: only the alert's owner, and only for the owner the alert still
 * has (compare-and-set). Writes the amount and count and turns reload on (clearing why the bot turned it
 * off before), records it in the audit trail, and shows the settings now in force.
 */
export async function reloadConfirmSubmission(
  { ack, body, view, client }: SubmitArgs,
  deps: BotDeps,
  background: Background,
): Promise<void> {
  await ack();
  const meta = readReloadConfirmMeta(view.private_metadata);
  if (meta === null) return;
  const teamId = teamOf(body);
  const userId = body.user.id;
  background.run('reload confirmed', async () => {
    const at = deps.now().toISOString();
    const outcome = await updateSubscription(deps.alerts, teamId, meta.channelId, (sub) =>
      sub.ownerUserId === userId
        ? {
            ...sub,
            ...RELOAD_OFF,
            reloadAmountMils: meta.amountMils,
            reloadsPerDay: meta.reloadsPerDay,
            reloadOnAt: at,
            reloadOnBy: userId,
          }
        : null,
    );
    if (outcome.kind !== 'updated') {
      await client.chat.postEphemeral({ channel: meta.channelId, user: userId, text: NOT_OWNER });
      return;
    }
    await deps.audit
      .add({
        id: deps.newId(),
        teamId,
        kind: 'settings-change',
        actorId: userId,
        subjectId: null,
        accountId: outcome.sub.accountId,
        amountMils: meta.amountMils,
        transactionId: null,
        detail: `automatic reload on in ${meta.channelId}: ${formatUsd(meta.amountMils)}, at most ${meta.reloadsPerDay ?? 1} a day`,
        at,
      })
      .catch((error: unknown) => deps.logger.error('could not record turning reload on', { error }));
    const message = alertSettingsMessage(outcome.sub, { environmentLabel: deps.environmentLabel });
    await client.chat.postEphemeral({
      channel: meta.channelId,
      user: userId,
      text: message.text,
      blocks: message.blocks,
    });
  });
}

export function registerReloadConfirmView(app: App, deps: BotDeps, background: Background): void {
  app.view<ViewSubmitAction>(RELOAD_CONFIRM_CALLBACK_ID, (args: SubmitArgs) =>
    reloadConfirmSubmission(args, deps, background),
  );
}
