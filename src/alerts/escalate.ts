import type { Logger } from '../lib/logger.ts';
import type { AlertStore, PurchaseStore } from '../store/index.ts';
import { escalationDue } from './escalation.ts';
import type { AlertNotifier } from './types.ts';

export interface EscalateDeps {
  alerts: AlertStore;
  notifier: AlertNotifier;
  logger: Logger;
  /** The journal: a purchase through the bot since the alert means someone acted. */
  purchases?: Pick<PurchaseStore, 'listByAccount'> | undefined;
}

/**
 * Escalates a still-low alert once: when `escalationDue` and nobody bought through the bot since the alert,
 * marks it escalated with compare-and-set (so two instances never both post) and has the notifier post in
 * the alert's thread, mentioning the chosen people, and edit the alert. Never throws.
 */
export async function checkEscalation(
  deps: EscalateDeps,
  target: { teamId: string; channelId: string; accountId: string },
  balanceMils: number,
  at: Date,
): Promise<boolean> {
  if (deps.notifier.postEscalation === undefined) return false;
  try {
    const sub = await deps.alerts.get(target.teamId, target.channelId);
    if (sub === undefined || sub.accountId !== target.accountId || !escalationDue(sub, at)) return false;
    const since = sub.alertedAt ?? '';
    const bought = deps.purchases
      ? (await deps.purchases.listByAccount(sub.teamId, sub.accountId, 10)).some(
          (p) => p.state === 'confirmed' && p.createdAt >= since,
        )
      : false;
    if (bought) return false;
    const next = { ...sub, escalatedAt: at.toISOString() };
    if (!(await deps.alerts.replace(sub, next))) return false;
    await deps.notifier.postEscalation(next, balanceMils);
    return true;
  } catch (error) {
    deps.logger.error('alert escalation could not be checked', { ...target, error });
    return false;
  }
}
