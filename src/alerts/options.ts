import type { AlertSubscription } from '../store/index.ts';

/** The optional settings of a subscription (the settings modal's fields beyond Threshold). */
export const ALERT_OPTION_KEYS = [
  'runwayWarningDays',
  'reloadAmountMils',
  'reloadsPerDay',
  'reloadOnAt',
  'reloadOnBy',
  'reloadOffReason',
  'escalateAfterHours',
  'escalateTo',
  'digestWeekday',
  'digestHour',
  'digestTimeZone',
] as const satisfies ReadonlyArray<keyof AlertSubscription>;

export type AlertOptionKey = (typeof ALERT_OPTION_KEYS)[number];

/** Automatic reload turned off (what a new owner or account, or a cleared amount, leaves). */
export const RELOAD_OFF = { reloadOnAt: null, reloadOnBy: null, reloadOffReason: null } as const;

/** The optional settings (absent or null = off). */
export type AlertOptions = Partial<Pick<AlertSubscription, AlertOptionKey>>;

/** The options a subscription has set, e.g. to carry them over when its threshold is set again. */
export function optionsOf(sub: AlertSubscription | undefined): AlertOptions {
  if (sub === undefined) return {};
  return Object.fromEntries(
    ALERT_OPTION_KEYS.flatMap((key) => (sub[key] === undefined ? [] : [[key, sub[key]]])),
  ) as AlertOptions;
}
