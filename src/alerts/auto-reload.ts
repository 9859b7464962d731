import type { Logger } from '../lib/logger.ts';
import type { AlertStore, AlertSubscription } from '../store/index.ts';
import {
  reloadBoughtNote,
  reloadFailedNote,
  reloadHold,
  reloadIsOn,
  reloadNotMadeNote,
  reloadRequestId,
  reloadSpendRefusal,
  reloadsOf,
  reloadUnconfirmedNote,
  reloadUnknown,
} from './reload-rule.ts';
import type { AlertNotifier, ReloadPort, ReloadReport } from './types.ts';
import { updateSubscription } from './update-subscription.ts';

export interface AutoReloadDeps {
  alerts: AlertStore;
  notifier: AlertNotifier;
  logger: Logger;
  reload?: ReloadPort | undefined;
}

// A crossing's decision is this instance's for this long; should it crash meanwhile, a later reading
// decides (the journal's claim still lets one purchase through).
const DECIDE_TTL_MS = 10 * 60 * 1000;

// The journal's newest purchases of the account a reload's count reads (the store's most).
const JOURNAL_WINDOW = 500;

/** What checking one reading did: `made` = a purchase was sent (bought or not known). */
export type ReloadCheck = 'made' | 'held' | 'none';

/**
 * Automatic reload for one reading of a subscription whose alert is up (issue 15): once per crossing,
 * journal-first under the crossing's own request id, so of two instances (or a run before a restart)
 * exactly one purchase goes through; a run that finds the id claimed says nothing. What was decided is
 * written on the subscription (`reloadNote`, compare-and-set) and the alert edited to say it; a receipt
 * (or the lost answer) also goes in the alert's thread. A refused login or purchase turns reload off and
 * the owner hears it once. Never throws.
 */
export async function checkReload(
  deps: AutoReloadDeps,
  target: { teamId: string; channelId: string; accountId: string },
  balanceMils: number,
  at: Date,
): Promise<ReloadCheck> {
  const port = deps.reload;
  if (port === undefined) return 'none';
  try {
    const sub = await deps.alerts.get(target.teamId, target.channelId);
    if (sub === undefined || !due(sub, target.accountId, balanceMils, at)) return 'none';
    const alertedAt = sub.alertedAt ?? '';
    const requestId = reloadRequestId({ ...sub, alertedAt });
    // Claimed already: another instance's run, or this crossing's run before a restart, owns it.
    if ((await port.purchases.get(requestId)) !== undefined) return 'none';
    if (!(await decidesHere(deps, port, requestId))) return 'none';
    const amountMils = sub.reloadAmountMils ?? 0;
    const reloads = reloadsOf(
      sub,
      await port.purchases.listByAccount(sub.teamId, sub.accountId, JOURNAL_WINDOW),
    );
    const unknown = reloadUnknown(sub, reloads);
    if (unknown !== null) {
      await turnOff(deps, sub, unknown, balanceMils);
      return 'held';
    }
    const hold = reloadHold(sub, reloads, await port.settings.get(sub.teamId), at);
    if (hold !== null) return await decided(deps, sub, { kind: 'held', text: hold }, balanceMils);
    const verdict = await port.spending.check(sub.teamId, sub.ownerUserId, amountMils);
    if (verdict.kind !== 'ok') {
      return await decided(deps, sub, { kind: 'held', text: reloadSpendRefusal(sub, verdict) }, balanceMils);
    }
    const outcome = await port.buy({
      requestId,
      teamId: sub.teamId,
      userId: sub.ownerUserId,
      channelId: sub.channelId,
      accountId: sub.accountId,
      amountCents: amountMils / 10,
      balanceMils,
      readAt: at.toISOString(),
    });
    switch (outcome.kind) {
      case 'taken':
        return 'none';
      case 'bought':
        await decided(
          deps,
          sub,
          {
            kind: 'bought',
            text: reloadBoughtNote(amountMils, outcome.balanceAfterMils),
            balanceAfterMils: outcome.balanceAfterMils,
          },
          balanceMils,
        );
        return 'made';
      case 'unconfirmed':
        await lostAnswer(deps, port, sub, requestId, balanceMils);
        return 'made';
      case 'refused':
        if (outcome.spending) {
          const text = reloadNotMadeNote(amountMils, outcome.failure.message);
          return await decided(deps, sub, { kind: 'held', text }, balanceMils);
        }
        await turnOff(deps, sub, reloadFailedNote(amountMils, outcome.failure.message), balanceMils);
        return 'made';
    }
  } catch (error) {
    deps.logger.error('automatic reload could not be checked', { ...target, error });
    return 'none';
  }
}

/** This instance's turn to decide the crossing (a store that cannot say: go on, the journal decides). */
async function decidesHere(deps: AutoReloadDeps, port: ReloadPort, requestId: string): Promise<boolean> {
  if (port.once === undefined) return true;
  return port.once.claim(`decide:${requestId}`, DECIDE_TTL_MS).catch((error: unknown) => {
    deps.logger.warn('could not claim a reload decision; the journal decides', { error });
    return true;
  });
}

/*
 * How long an alert marked but without its message ts is taken to be still on its way (the instance that
 * marked it is posting it, through the channel's queue and any rate-limit wait), not lost with a crash.
 */
export const ALERT_POST_GRACE_MS = 2 * 60 * 1000;

/**
 * The alert is up for this account, still low, reload is on, and this crossing's reload is undecided.
 * The instance that posted the alert decides right after keeping its ts; another instance decides only
 * once the alert has its ts, or when the post must have died with its instance — deciding while it is
 * being posted would write the note the alert cannot show yet.
 */
function due(sub: AlertSubscription, accountId: string, balanceMils: number, at: Date): boolean {
  const alertedAt = sub.alertedAt ?? null;
  return (
    sub.accountId === accountId &&
    sub.state === 'alerted' &&
    alertedAt !== null &&
    (sub.alertMessageTs !== null || at.getTime() - Date.parse(alertedAt) >= ALERT_POST_GRACE_MS) &&
    (sub.reloadNote ?? null) === null &&
    balanceMils < sub.thresholdMils &&
    reloadIsOn(sub)
  );
}

/**
 * Writes what was decided for the crossing on the subscription (compare-and-set: still the same
 * crossing, nothing decided yet) and has the notifier show it. `off` also turns reload off.
 */
async function decided(
  deps: AutoReloadDeps,
  sub: AlertSubscription,
  report: ReloadReport,
  balanceMils: number,
  off = false,
): Promise<ReloadCheck> {
  const outcome = await updateSubscription(deps.alerts, sub.teamId, sub.channelId, (now) =>
    now.alertedAt === sub.alertedAt && (now.reloadNote ?? null) === null
      ? {
          ...now,
          reloadNote: report.text,
          ...(off ? { reloadOnAt: null, reloadOnBy: null, reloadOffReason: report.text } : {}),
        }
      : null,
  );
  if (outcome.kind !== 'updated') {
    deps.logger.info('automatic reload decided, but the alert moved on; not shown', ids(sub));
    return 'held';
  }
  try {
    await deps.notifier.showReload?.(outcome.sub, balanceMils, report);
  } catch (error) {
    deps.logger.error('automatic reload could not be shown', { ...ids(sub), error });
  }
  return 'held';
}

/** A refused login or a failed purchase: reload off, the alert says why, the owner is told (once: here). */
async function turnOff(deps: AutoReloadDeps, sub: AlertSubscription, text: string, balanceMils: number) {
  deps.logger.warn('automatic reload failed; turned off', ids(sub));
  await decided(deps, sub, { kind: 'failed', text }, balanceMils, true);
}

/** The journal keeps where to reply; the later re-checks settle it and answer in the alert's thread. */
async function lostAnswer(
  deps: AutoReloadDeps,
  port: ReloadPort,
  sub: AlertSubscription,
  requestId: string,
  balanceMils: number,
) {
  const ts = sub.alertMessageTs;
  if (ts !== null) {
    await port.purchases
      .update(requestId, { receipt: { channelId: sub.channelId, ts } })
      .catch((error: unknown) =>
        deps.logger.warn('could not keep the alert as the reload’s receipt', { error }),
      );
  }
  await decided(
    deps,
    sub,
    { kind: 'unconfirmed', text: reloadUnconfirmedNote(sub.reloadAmountMils ?? 0) },
    balanceMils,
  );
  await port.rechecks?.arm(requestId);
}

function ids(sub: AlertSubscription) {
  return { teamId: sub.teamId, channelId: sub.channelId, accountId: sub.accountId };
}
