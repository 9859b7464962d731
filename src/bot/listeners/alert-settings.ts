import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { NOBODY, RELOAD_OFF, reloadIsOn, updateSubscription } from '../../alerts/index.ts';
import type { AlertSubscription } from '../../store/index.ts';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import {
  ALERT_SETTINGS_IDS,
  type AlertSettingsChange,
  readAlertSettings,
} from '../forms/alert-settings-form.ts';
import { alertSettingsMessage } from '../messages/index.ts';
import { settingsOf } from '../settings/team-settings.ts';
import {
  ALERT_SETTINGS_CALLBACK_ID,
  type AlertSettingsMeta,
  alertSettingsModal,
} from '../views/alert-settings-modal.ts';
import { reloadConfirmView } from '../views/reload-confirm-view.ts';
import { teamOf } from '../wizard/owner.ts';
import type { ActionListener } from './action-listener.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const NO_ALERTS =
  'There are no low-balance alerts in this channel any more: set them with `/postage alerts 50`.';
const GONE = 'The alerts in this channel were turned off meanwhile. Set them again with /postage alerts.';
const ONLY_OWNER =
  "Only the alert's owner can turn on or change automatic reload: it buys with their remembered login. Leave it as it was, or empty to turn it off.";

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

/** Whether the modal asks for another reload amount or count than the subscription has. */
function reloadChanged(sub: AlertSubscription, change: AlertSettingsChange): boolean {
  return (
    change.reloadAmountMils !== (sub.reloadAmountMils ?? null) ||
    change.reloadsPerDay !== (sub.reloadsPerDay ?? null)
  );
}

/**
 * The subscription with the modal's settings; a new threshold starts armed, as `/postage alerts <amount>`.
 * An emptied Reload amount turns automatic reload off; a new amount or count is not written here: it waits
 * for the owner's confirmation (which writes it and turns reload on), so until then what was on stays.
 */
export function withSettings(
  sub: AlertSubscription,
  change: AlertSettingsChange,
  timeZone: string,
): AlertSubscription {
  const reload =
    change.reloadAmountMils === null
      ? { reloadAmountMils: null, reloadsPerDay: change.reloadsPerDay, ...RELOAD_OFF }
      : { reloadAmountMils: sub.reloadAmountMils ?? null, reloadsPerDay: sub.reloadsPerDay ?? null };
  const next: AlertSubscription = {
    ...sub,
    ...change,
    ...reload,
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
  const current = await deps.alerts.get(teamId, meta.channelId);
  if (current === undefined)
    return ack({ response_action: 'errors', errors: { [ALERT_SETTINGS_IDS.threshold]: GONE } });
  const { change } = read;
  const changed = reloadChanged(current, change);
  const isOwner = body.user.id === current.ownerUserId;
  // A reload spends the owner's login: only they turn it on or change it (anyone may turn it off).
  if (change.reloadAmountMils !== null && changed && !isOwner) {
    return ack({ response_action: 'errors', errors: { [ALERT_SETTINGS_IDS.reloadAmount]: ONLY_OWNER } });
  }
  const confirm = change.reloadAmountMils !== null && isOwner && (changed || !reloadIsOn(current));
  let before: AlertSubscription | null = null;
  const outcome = await updateSubscription(deps.alerts, teamId, meta.channelId, (sub) => {
    before = sub;
    return withSettings(sub, change, meta.timeZone);
  });
  if (outcome.kind !== 'updated') {
    const message = outcome.kind === 'busy' ? 'The alert was busy; please save again.' : GONE;
    return ack({ response_action: 'errors', errors: { [ALERT_SETTINGS_IDS.threshold]: message } });
  }
  const amountMils = change.reloadAmountMils ?? null;
  if (confirm && amountMils !== null) {
    // The other settings are saved; reload waits for "Turn on" (shown in place of the modal).
    const confirmMeta = {
      channelId: meta.channelId,
      amountMils,
      reloadsPerDay: change.reloadsPerDay ?? null,
    };
    const facts = {
      accountId: outcome.sub.accountId,
      thresholdMils: outcome.sub.thresholdMils,
      settings: await settingsOf(deps.settings, teamId),
    };
    await ack({
      response_action: 'update',
      view: reloadConfirmView(confirmMeta, facts, deps.environmentLabel),
    });
  } else {
    await ack();
  }
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
