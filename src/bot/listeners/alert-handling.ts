import { type AlertHandling, recordHandling, SNOOZE_DAY_MS, SNOOZE_HOUR_MS } from '../../alerts/index.ts';
import { currentAlertMessage } from '../alerts/alert-message.ts';
import { ACTION_IDS } from '../ids.ts';
import { teamOf } from '../wizard/owner.ts';
import type { ActionListener } from './action-listener.ts';

const STALE =
  'This alert is no longer current: the balance recovered, or the alerts in this channel were changed or turned off.';
const BUSY = 'That could not be recorded just now (others were changing this alert). Please click again.';

/**
 * "I'm on it", "Snooze 1 hour", "Snooze 1 day" on a low-balance alert: acks at once, records who (with
 * compare-and-set, so two clicks on two instances both count) and edits the alert to show it. A click
 * on an alert that is no longer the channel's current one changes nothing and says so, to the clicker only.
 */
export const alertHandlingAction =
  (handling: AlertHandling): ActionListener =>
  async ({ ack, body, client, respond }, deps, background) => {
    await ack();
    background.run('alert handling', async () => {
      const channelId = body.channel?.id ?? body.container?.['channel_id'];
      const alertTs = body.message?.ts ?? body.container?.['message_ts'];
      if (typeof channelId !== 'string' || typeof alertTs !== 'string') return;
      const ref = { teamId: teamOf(body), channelId, alertTs };
      const outcome = await recordHandling(deps.alerts, ref, body.user.id, handling, deps.now());
      if (outcome.kind !== 'handled') {
        const text = outcome.kind === 'stale' ? STALE : BUSY;
        await respond({ response_type: 'ephemeral', replace_original: false, text });
        return;
      }
      // Re-read: a click that landed meanwhile (here or on another instance) shows too.
      const latest = (await deps.alerts.get(ref.teamId, ref.channelId)) ?? outcome.sub;
      if (latest.alertMessageTs !== alertTs) return;
      const message = await currentAlertMessage(latest, {
        environmentLabel: deps.environmentLabel,
        runwayOf: deps.alertRunway,
        logger: deps.logger,
        now: deps.now(),
      });
      await client.chat.update({
        channel: channelId,
        ts: alertTs,
        text: message.text,
        blocks: message.blocks,
      });
    });
  };

/** The three handling buttons and what each records. */
export const ALERT_HANDLING_ACTIONS: ReadonlyArray<readonly [string, AlertHandling]> = [
  [ACTION_IDS.alertAck, { kind: 'acknowledge' }],
  [ACTION_IDS.alertSnoozeHour, { kind: 'snooze', ms: SNOOZE_HOUR_MS }],
  [ACTION_IDS.alertSnoozeDay, { kind: 'snooze', ms: SNOOZE_DAY_MS }],
];
