import type { AlertOptionKey } from '../../alerts/index.ts';
import { centsToMils, parseTypedDollars, TYPED_DOLLARS_EXAMPLE } from '../../lib/money.ts';
import { checkAmountCents, ENDICIA_MAX_PURCHASE_CENTS } from '../../machine/index.ts';
import type { AlertSubscription } from '../../store/index.ts';
import type { StateValues } from './state-values.ts';
import { textValue } from './state-values.ts';

/** The alert settings modal's inputs: block_id = action_id, one per labelled field. */
export const ALERT_SETTINGS_IDS = {
  threshold: 'alert_threshold',
  runwayDays: 'alert_runway_days',
  reloadAmount: 'alert_reload_amount',
  reloadsPerDay: 'alert_reloads_per_day',
  escalateHours: 'alert_escalate_hours',
  escalateTo: 'alert_escalate_to',
  digest: 'alert_digest',
} as const;

/** Bounds of the whole-number fields (also given to Slack's number inputs). */
export const SETTING_BOUNDS = {
  runwayDays: { min: 1, max: 60 },
  reloadsPerDay: { min: 1, max: 10 },
  escalateHours: { min: 1, max: 168 },
} as const;

/** Whom to tell: Slack's multi-select holds at most this many people in one message line. */
export const ESCALATE_TO_MAX = 10;

/** What the modal sets on a subscription. */
export type AlertSettingsChange = Required<
  Pick<
    AlertSubscription,
    | 'thresholdMils'
    | Exclude<AlertOptionKey, 'digestTimeZone' | 'reloadOnAt' | 'reloadOnBy' | 'reloadOffReason'>
  >
>;

type Field = keyof typeof ALERT_SETTINGS_IDS;

const MAX_THRESHOLD_MILS = centsToMils(ENDICIA_MAX_PURCHASE_CENTS);

/** The digest select's value: `off`, or `<ISO weekday>-<hour>` like `1-09` (Monday 09:00). */
export function parseDigest(value: string | null): { weekday: number; hour: number } | null | 'bad' {
  if (value === null || value === 'off') return null;
  const match = /^([1-7])-([01][0-9]|2[0-3])$/.exec(value);
  return match ? { weekday: Number(match[1]), hour: Number(match[2]) } : 'bad';
}

function wholeNumber(text: string | null, bounds: { min: number; max: number }): number | null | 'bad' {
  if (text === null || text.trim() === '') return null;
  if (!/^[0-9]+$/.test(text.trim())) return 'bad';
  const n = Number(text.trim());
  return n >= bounds.min && n <= bounds.max ? n : 'bad';
}

/**
 * Reads the submitted modal: the settings, or a sentence under each field that is wrong (Threshold is
 * required; the rest are optional, empty = off). Reload amount follows a purchase's rules ($10.00 up to
 * `maxPurchaseCents`), since it would be one.
 */
export function readAlertSettings(
  values: StateValues,
  options: { maxPurchaseCents: number },
): { ok: true; change: AlertSettingsChange } | { ok: false; errors: Record<string, string> } {
  const ids = ALERT_SETTINGS_IDS;
  const errors: Partial<Record<Field, string>> = {};
  const text = (field: Field) => textValue(values, ids[field], ids[field]);

  const typed = parseTypedDollars(text('threshold') ?? '');
  const thresholdMils = typed.ok && typed.mils > 0 && typed.mils <= MAX_THRESHOLD_MILS ? typed.mils : null;
  if (thresholdMils === null) {
    errors.threshold = `Enter the amount in dollars above zero, like ${TYPED_DOLLARS_EXAMPLE}.`;
  }

  const runwayWarningDays = wholeNumber(text('runwayDays'), SETTING_BOUNDS.runwayDays);
  if (runwayWarningDays === 'bad') errors.runwayDays = 'Enter whole days from 1 to 60, or leave it empty.';

  let reloadAmountMils: number | null = null;
  const reloadText = text('reloadAmount');
  if (reloadText !== null && reloadText.trim() !== '') {
    const reload = parseTypedDollars(reloadText);
    // Two decimals at most, so mils / 10 is whole cents.
    const problem = reload.ok
      ? checkAmountCents(reload.mils / 10, options.maxPurchaseCents)
      : `Enter the amount in dollars, like ${TYPED_DOLLARS_EXAMPLE}, or leave it empty.`;
    if (problem !== null) errors.reloadAmount = problem;
    else if (reload.ok) reloadAmountMils = reload.mils;
  }

  const reloadsPerDay = wholeNumber(text('reloadsPerDay'), SETTING_BOUNDS.reloadsPerDay);
  if (reloadsPerDay === 'bad') errors.reloadsPerDay = 'Enter a whole number from 1 to 10, or leave it empty.';

  const escalateAfterHours = wholeNumber(text('escalateHours'), SETTING_BOUNDS.escalateHours);
  if (escalateAfterHours === 'bad') {
    errors.escalateHours = 'Enter whole hours from 1 to 168 (a week), or leave it empty.';
  }
  const chosen = values[ids.escalateTo]?.[ids.escalateTo]?.selected_users;
  const escalateTo = Array.isArray(chosen) ? chosen.filter((u) => typeof u === 'string') : [];
  if (escalateTo.length > ESCALATE_TO_MAX) errors.escalateTo = `Choose at most ${ESCALATE_TO_MAX} people.`;
  if (typeof escalateAfterHours === 'number' && escalateTo.length === 0) {
    errors.escalateTo = 'Choose who to tell when nobody has acted in time.';
  }

  const digest = parseDigest(values[ids.digest]?.[ids.digest]?.selected_option?.value ?? null);
  if (digest === 'bad') errors.digest = 'Choose a day and hour from the list, or Off.';

  const blockErrors = Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [ids[field as Field], message]),
  );
  if (
    Object.keys(blockErrors).length > 0 ||
    thresholdMils === null ||
    runwayWarningDays === 'bad' ||
    reloadsPerDay === 'bad' ||
    escalateAfterHours === 'bad' ||
    digest === 'bad'
  ) {
    return { ok: false, errors: blockErrors };
  }
  return {
    ok: true,
    change: {
      thresholdMils,
      runwayWarningDays,
      reloadAmountMils,
      reloadsPerDay,
      escalateAfterHours,
      escalateTo: escalateTo.length === 0 ? null : escalateTo,
      digestWeekday: digest?.weekday ?? null,
      digestHour: digest?.hour ?? null,
    },
  };
}
