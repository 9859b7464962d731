import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { NOBODY, updateSubscription } from '../../alerts/index.ts';
import type { AlertSubscription } from '../../store/index.ts';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import {
  ALERT_SETTINGS_IDS,
  type AlertSettingsChange,
  readAlertSettings,
} from '../forms/alert-settings-form.ts';
import { alertSettingsMessage } from '../messages/index.ts';
import {
  ALERT_SETTINGS_CALLBACK_ID,
  type AlertSettingsMeta,
  alertSettingsModal,
} from '../views/alert-settings-modal.ts';
import { teamOf } from '../wizard/owner.ts';
import type { ActionListener } from './action-listener.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const NO_ALERTS =
  'There are no low-balance alerts in this channel any more: set them with `/postage alerts 50`.';
const GONE = 'The alerts in this channel were turned off meanwhile. Set them again with /postage alerts.';

/** The owner's IANA time zone (users.info), the digest's clock; UTC when Slack does not say. */
async function timeZoneOf(client: WebClient, userId: string, deps: BotDeps): Promise<string> {
  try {
    const info = await client.users.info({ user: userId });
    const tz = info.user?.tz;
    return typeof tz === 'string' && tz !== '' ? tz : 'UTC';
  } catch (error) {
    deps.logger.warn('could not read the alert owner’s time zone; using UTC', { userId, error });
    return 'UTC';
  }
}

/** "Edit" under `/postage alerts`: opens the settings modal for this channel's subscription. */
export const alertSettingsEditAction: ActionListener = async (
  { ack, body, client, respond },
  deps,
  background,
) => {
  await ack();
  background.run('alert settings', async () => {
    const channelId = body.channel?.id ?? body.container?.['channel_id'];
    if (typeof channelId !== 'string') return;
    const sub = await deps.alerts.get(teamOf(body), channelId);
    if (sub === undefined) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: NO_ALERTS });
      return;
    }
    const meta: AlertSettingsMeta = { channelId, timeZone: await timeZoneOf(client, sub.ownerUserId, deps) };
    await client.views.open({
      trigger_id: body.trigger_id,
      view: alertSettingsModal(sub, meta, deps.environmentLabel),
    });
  });
};

/** The subscription with the modal's settings; a new threshold starts armed, as `/postage alerts <amount>`. */
export function withSettings(
  sub: AlertSubscription,
  change: AlertSettingsChange,
  timeZone: string,
): AlertSubscription {
  const next: AlertSubscription = {
    ...sub,
    ...change,
    digestTimeZone: change.digestWeekday === null ? null : timeZone,
  };
  if (change.thresholdMils === sub.thresholdMils) return next;
  return { ...next, ...NOBODY, state: 'armed', alertMessageTs: null };
}

function readMeta(raw: string): AlertSettingsMeta | null {
  try {
    const meta = JSON.parse(raw) as Partial<AlertSettingsMeta>;
    return typeof meta.channelId === 'string' && typeof meta.timeZone === 'string'
      ? { channelId: meta.channelId, timeZone: meta.timeZone }
      : null;
  } catch {
    return null;
  }
}

/**
 * Saving the modal: field errors where typed (`response_action: errors`, nothing saved); otherwise the
 * settings are written with compare-and-set (a sweep or a click meanwhile is kept), the modal closes and
 * the person sees the settings now in force. A changed threshold is checked at once.
 */
export async function alertSettingsSubmission(
  { ack, body, view, client }: SubmitArgs,
  deps: BotDeps,
  background: Background,
): Promise<void> {
  const meta = readMeta(view.private_metadata);
  const read = readAlertSettings(view.state.values, { maxPurchaseCents: deps.maxPurchaseCents });
  if (!read.ok) return ack({ response_action: 'errors', errors: read.errors });
  if (meta === null)
    return ack({ response_action: 'errors', errors: { [ALERT_SETTINGS_IDS.threshold]: GONE } });
  const teamId = teamOf(body);
  let before: AlertSubscription | null = null;
  const outcome = await updateSubscription(deps.alerts, teamId, meta.channelId, (sub) => {
    before = sub;
    return withSettings(sub, read.change, meta.timeZone);
  });
  if (outcome.kind !== 'updated') {
    const message = outcome.kind === 'busy' ? 'The alert was busy; please save again.' : GONE;
    return ack({ response_action: 'errors', errors: { [ALERT_SETTINGS_IDS.threshold]: message } });
  }
  await ack();
  const saved = outcome.sub;
  const rearmed = (before as AlertSubscription | null)?.thresholdMils !== saved.thresholdMils;
  background.run('alert settings saved', async () => {
    if (rearmed) await deps.alertControl?.checkSoon(teamId, meta.channelId).catch(() => null);
    const message = alertSettingsMessage(saved, { environmentLabel: deps.environmentLabel, now: deps.now() });
    await client.chat.postEphemeral({
      channel: meta.channelId,
      user: body.user.id,
      text: message.text,
      blocks: message.blocks,
    });
  });
}

/** The modal's submission (the Edit button is registered with the other block actions). */
export function registerAlertSettingsView(app: App, deps: BotDeps, background: Background): void {
  app.view<ViewSubmitAction>(ALERT_SETTINGS_CALLBACK_ID, (args: SubmitArgs) =>
    alertSettingsSubmission(args, deps, background),
  );
}
