import { createKeyedMutex } from '../lib/keyed-mutex.ts';
import type { Logger } from '../lib/logger.ts';
import { nextAlertState } from '../machine/index.ts';
import type { AlertStore, AlertSubscription, PurchaseStore } from '../store/index.ts';
import { checkReload } from './auto-reload.ts';
import { checkEscalation } from './escalate.ts';
import { NOBODY } from './handling.ts';
import { reloadIsOn } from './reload-rule.ts';
import { checkRunwayWarning } from './runway-warning.ts';
import type { AlertNotifier, ReloadPort, RunwayOf } from './types.ts';
import { updateSubscription } from './update-subscription.ts';

/** Which subscription a reading is for (the account must still match when it is applied). */
export interface ReadingTarget {
  teamId: string;
  channelId: string;
  accountId: string;
}

/** What applying one reading to one subscription did. */
export type ApplyOutcome = 'alerted' | 'recovered' | 'unchanged' | 'skipped' | 'failed';

export interface ReadingApplierDeps {
  alerts: AlertStore;
  notifier: AlertNotifier;
  logger: Logger;
  runwayOf?: RunwayOf | undefined;
  purchases?: Pick<PurchaseStore, 'listByAccount'> | undefined;
  reload?: ReloadPort | undefined;
}

/**
 * Applies balance readings to subscriptions through the edge detector and persists the outcome with the
 * store's compare-and-set (`alerts.replace`): of several instances (or a sweep and a wizard reading)
 * applying readings to one subscription, only the one whose transition is written announces it. So each
 * crossing posts one alert and each recovery makes one edit, however many instances run. Within this
 * process readings of one subscription also queue, so they do not waste each other's writes.
 *
 * NOTE on crashes, the choice made here: an alert is at most once. `alerted` is written BEFORE posting and
 * the message ts after, so a crash mid-post never repeats the alert; the price is that a crash in that
 * instant may lose it (the record then reads `alerted` with no message ts, and its recovery is logged as
 * having nothing to edit). A post that fails outright (the notifier answers null or throws) re-arms the
 * subscription, so the next check tries again and nothing is lost silently. A recovery is written before
 * its edit for the same reason: a crash in between loses the edit, never repeats it.
 */
export function createReadingApplier(deps: ReadingApplierDeps) {
  const serial = createKeyedMutex();
  const { alerts, notifier } = deps;
  let reloads = 0;

  const post = async (sub: AlertSubscription, balanceMils: number): Promise<{ ts: string } | null> => {
    try {
      return await notifier.postAlert(sub, balanceMils);
    } catch (error) {
      deps.logger.error('low-balance alert could not be posted', { ...ids(sub), error });
      return null;
    }
  };

  const recover = async (sub: AlertSubscription, checked: AlertSubscription, balanceMils: number) => {
    if (sub.alertMessageTs === null) {
      deps.logger.warn('balance recovered but the alert message is unknown; nothing to edit', ids(sub));
      return;
    }
    try {
      await notifier.markRecovered(checked, balanceMils, {
        balanceMils: sub.lastBalanceMils,
        checkedAt: sub.lastCheckedAt,
      });
    } catch (error) {
      deps.logger.error('low-balance alert could not be marked recovered', { ...ids(sub), error });
    }
  };

  const apply = async (
    target: ReadingTarget,
    balanceMils: number,
    at: Date,
    seen: (sub: AlertSubscription) => void,
  ): Promise<ApplyOutcome> => {
    const sub = await alerts.get(target.teamId, target.channelId);
    if (!sub || sub.accountId !== target.accountId) return 'skipped';
    seen(sub);
    // A slow sweep call must not overwrite a newer reading (say, the balance right after a purchase).
    if (sub.lastCheckedAt !== null && Date.parse(sub.lastCheckedAt) > at.getTime()) return 'skipped';
    const checked = { ...sub, lastBalanceMils: balanceMils, lastCheckedAt: at.toISOString() };
    const { action } = nextAlertState(sub.state, balanceMils, sub.thresholdMils);

    if (action === 'none') {
      // Lost to another instance's transition: theirs stands (it is newer than this reading's state).
      return (await alerts.replace(sub, checked)) ? 'unchanged' : 'skipped';
    }
    if (action === 'recover') {
      // Whoever re-arms it edits the alert: one edit per recovery.
      if (!(await alerts.replace(sub, { ...checked, state: 'armed', alertMessageTs: null })))
        return 'skipped';
      await recover(sub, checked, balanceMils);
      return 'recovered';
    }

    const marked: AlertSubscription = {
      ...checked,
      ...NOBODY,
      state: 'alerted',
      alertMessageTs: null,
      alertedAt: at.toISOString(),
    };
    // Whoever marks it alerted posts: one alert per crossing. A new alert starts unhandled: last
    // crossing's "on it" or snooze says nothing about this one.
    if (!(await alerts.replace(sub, marked))) return 'skipped';
    const posted = await post(marked, balanceMils);
    if (posted === null) {
      await alerts.replace(marked, { ...checked, state: 'armed' });
      return 'failed';
    }
    // Kept on top of whatever changed meanwhile (a click, a reading), as long as it is still this alert:
    // a lost ts would leave the alert unedited for good.
    const kept = await updateSubscription(alerts, sub.teamId, sub.channelId, (now) =>
      now.state === 'alerted' && now.alertedAt === marked.alertedAt && now.alertMessageTs === null
        ? { ...now, alertMessageTs: posted.ts }
        : null,
    );
    if (kept.kind !== 'updated') {
      deps.logger.info('subscription changed while its alert was posted; ts not kept', ids(sub));
    }
    return 'alerted';
  };

  return {
    /** Serialized per subscription; store failures are logged and answered 'failed', never thrown. */
    apply(target: ReadingTarget, balanceMils: number, at: Date): Promise<ApplyOutcome> {
      return serial.run(JSON.stringify([target.teamId, target.channelId]), async () => {
        try {
          let read: AlertSubscription | undefined;
          const outcome = await apply(target, balanceMils, at, (sub) => {
            read = sub;
          });
          // Automatic reload (issue 15) on a crossing, or on a later reading of it when a restart or another
          // instance left it undecided; subscriptions without it cost no extra read.
          if ((outcome === 'alerted' || outcome === 'unchanged') && read !== undefined && reloadIsOn(read)) {
            if ((await checkReload(deps, target, balanceMils, at)) === 'made') reloads += 1;
          }
          // The runway early warning (issue 15) rides on the same reading; it never throws.
          if (outcome !== 'skipped') await checkRunwayWarning(deps, target, balanceMils, at);
          // Still low after the hours set, nobody acting: tell the chosen people once.
          if (outcome === 'unchanged') await checkEscalation(deps, target, balanceMils, at);
          // Why an alert did or did not go out, for an operator chasing a missed one.
          deps.logger.debug('alert decision', { ...ids(target), balanceMils, outcome });
          return outcome;
        } catch (error) {
          deps.logger.error('low-balance reading could not be applied', { ...ids(target), error });
          return 'failed';
        }
      });
    },
    /** Automatic reloads sent to Endicia by this applier so far (the sweep reports its share). */
    reloads: () => reloads,
  };
}

/** The applier's interface, for the sweep and the monitor. */
export type ReadingApplier = ReturnType<typeof createReadingApplier>;

function ids(sub: { teamId: string; channelId: string; accountId: string }) {
  return { teamId: sub.teamId, channelId: sub.channelId, accountId: sub.accountId };
}
