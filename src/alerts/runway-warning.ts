import type { Logger } from '../lib/logger.ts';
import type { Runway } from '../machine/index.ts';
import type { AlertStore } from '../store/index.ts';
import { isSnoozed } from './handling.ts';
import { nextRunwayWarning } from './runway-rule.ts';
import type { AlertNotifier, RunwayOf } from './types.ts';
import { updateSubscription } from './update-subscription.ts';

export interface RunwayWarningDeps {
  alerts: AlertStore;
  notifier: AlertNotifier;
  logger: Logger;
  runwayOf?: RunwayOf | undefined;
}

/** What the runway check did for one subscription. */
export type RunwayOutcome = 'warned' | 'recovered' | 'none';

/**
 * The runway early warning for one reading: warns once per crossing (the `warned` mark is won with
 * compare-and-set before posting, so two instances never both post), re-arms when the runway recovers
 * (editing the warning). Subscriptions without the setting cost nothing; a snoozed alert is not warned.
 * Never throws: a forecast or a post that fails is logged and tried again on the next reading.
 */
export async function checkRunwayWarning(
  deps: RunwayWarningDeps,
  target: { teamId: string; channelId: string; accountId: string },
  balanceMils: number,
  at: Date,
): Promise<RunwayOutcome> {
  const { alerts, notifier } = deps;
  if (deps.runwayOf === undefined || notifier.postRunwayWarning === undefined) return 'none';
  try {
    const sub = await alerts.get(target.teamId, target.channelId);
    if (sub === undefined || sub.accountId !== target.accountId) return 'none';
    const warnDays = sub.runwayWarningDays ?? null;
    const prev = sub.runwayState ?? 'armed';
    if (prev === 'armed' && (warnDays === null || isSnoozed(sub, at))) return 'none';
    const runway: Runway | null =
      warnDays === null ? null : await deps.runwayOf(sub.teamId, sub.accountId, balanceMils, at);
    const daysLeft = runway?.kind === 'rate' ? runway.daysLeft : null;
    const belowThreshold = balanceMils < sub.thresholdMils;
    const { action } = nextRunwayWarning(prev, { daysLeft, warnDays, belowThreshold });
    if (action === 'none') return 'none';

    if (action === 'recover') {
      if (!(await alerts.replace(sub, { ...sub, runwayState: 'armed', runwayAlertTs: null }))) return 'none';
      if ((sub.runwayAlertTs ?? null) !== null)
        await notifier.markRunwayRecovered?.(sub, balanceMils, runway);
      return 'recovered';
    }
    const marked = { ...sub, runwayState: 'warned' as const, runwayAlertTs: null };
    if (runway === null || !(await alerts.replace(sub, marked))) return 'none';
    const posted = await notifier.postRunwayWarning(marked, balanceMils, runway);
    await updateSubscription(alerts, sub.teamId, sub.channelId, (current) =>
      current.runwayState !== 'warned'
        ? null
        : posted === null
          ? { ...current, runwayState: 'armed' }
          : { ...current, runwayAlertTs: posted.ts },
    );
    return posted === null ? 'none' : 'warned';
  } catch (error) {
    deps.logger.error('runway warning could not be checked', { ...target, error });
    return 'none';
  }
}
