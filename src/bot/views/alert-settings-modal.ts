import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { formatUsd } from '../../lib/money.ts';
import type { AlertSubscription } from '../../store/index.ts';
import { ALERT_SETTINGS_IDS as IDS, SETTING_BOUNDS } from '../forms/alert-settings-form.ts';
import { environmentBlocks } from './blocks.ts';
import { textInput } from './inputs.ts';
import { plain } from './text.ts';

/** The alert settings modal's callback_id: outside `postage/` (the wizard's listener owns those). */
export const ALERT_SETTINGS_CALLBACK_ID = 'alert-settings';

/** Sent there and back in private_metadata: which channel, and the owner's time zone. No secret. */
export interface AlertSettingsMeta {
  channelId: string;
  timeZone: string;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Working hours: 7 days × 13 hours + Off = 92 options, under Slack's 100 per select. */
const DIGEST_HOURS = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];

const hh = (hour: number) => String(hour).padStart(2, '0');
const OFF: PlainTextOption = { text: plain('Off'), value: 'off' };

/** "Monday 09:00" for an ISO weekday and hour. */
export function digestLabel(weekday: number, hour: number): string {
  return `${WEEKDAYS[weekday - 1] ?? '?'} ${hh(hour)}:00`;
}

function digestOptions(): PlainTextOption[] {
  return [
    OFF,
    ...WEEKDAYS.flatMap((_, i) =>
      DIGEST_HOURS.map((hour) => ({ text: plain(digestLabel(i + 1, hour)), value: `${i + 1}-${hh(hour)}` })),
    ),
  ];
}

function numberInput(
  blockId: string,
  label: string,
  bounds: { min: number; max: number },
  initial: number | null | undefined,
  hint: string,
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    hint: plain(hint),
    element: {
      type: 'number_input',
      action_id: blockId,
      is_decimal_allowed: false,
      min_value: String(bounds.min),
      max_value: String(bounds.max),
      ...(initial == null ? {} : { initial_value: String(initial) }),
    },
  };
}

/**
 * The alert settings modal (`/postage alerts` → Edit). Its inputs are labelled exactly Threshold, Runway
 * warning (days), Reload amount, Reloads per day, Escalate after (hours), Escalate to, Weekly digest
 * (tests and docs rely on these labels). Threshold is required; empty optional fields mean off.
 */
export function alertSettingsModal(
  sub: AlertSubscription,
  meta: AlertSettingsMeta,
  environmentLabel: string | null,
): ModalView {
  const options = digestOptions();
  const chosen =
    sub.digestWeekday != null && sub.digestHour != null
      ? options.find((o) => o.value === `${sub.digestWeekday}-${hh(sub.digestHour ?? 0)}`)
      : OFF;
  const escalateTo = sub.escalateTo ?? [];
  return {
    type: 'modal',
    callback_id: ALERT_SETTINGS_CALLBACK_ID,
    private_metadata: JSON.stringify(meta),
    title: plain('Alert settings', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: [
      ...environmentBlocks(environmentLabel),
      textInput({
        blockId: IDS.threshold,
        actionId: IDS.threshold,
        label: 'Threshold',
        hint: 'Alert when the postage balance falls below this amount.',
        initialValue: formatUsd(sub.thresholdMils),
        maxLength: 20,
      }),
      numberInput(
        IDS.runwayDays,
        'Runway warning (days)',
        SETTING_BOUNDS.runwayDays,
        sub.runwayWarningDays,
        "Also warn when the balance lasts fewer days than this at this week's rate. Empty: off.",
      ),
      textInput({
        blockId: IDS.reloadAmount,
        actionId: IDS.reloadAmount,
        label: 'Reload amount',
        hint: "When the balance falls below the threshold, buy this much with the alert owner's remembered login (workspace limits apply). Only the owner can turn it on; saving asks to confirm. Empty: off.",
        optional: true,
        initialValue: sub.reloadAmountMils == null ? null : formatUsd(sub.reloadAmountMils),
        maxLength: 20,
      }),
      numberInput(
        IDS.reloadsPerDay,
        'Reloads per day',
        SETTING_BOUNDS.reloadsPerDay,
        sub.reloadsPerDay,
        'At most this many automatic reloads in 24 hours. Empty: 1.',
      ),
      numberInput(
        IDS.escalateHours,
        'Escalate after (hours)',
        SETTING_BOUNDS.escalateHours,
        sub.escalateAfterHours,
        "If nobody buys, clicks I'm on it or snoozes within this many hours, the people below are told. Empty: off.",
      ),
      {
        type: 'input',
        block_id: IDS.escalateTo,
        optional: true,
        label: plain('Escalate to'),
        element: {
          type: 'multi_users_select',
          action_id: IDS.escalateTo,
          max_selected_items: 10,
          ...(escalateTo.length === 0 ? {} : { initial_users: escalateTo }),
        },
      },
      {
        type: 'input',
        block_id: IDS.digest,
        optional: true,
        label: plain('Weekly digest'),
        hint: plain(`Spend, purchases, balance and runway, posted here. Times in ${meta.timeZone}.`),
        element: {
          type: 'static_select',
          action_id: IDS.digest,
          options,
          ...(chosen === undefined ? {} : { initial_option: chosen }),
        },
      },
    ],
  };
}
