import { formatUsd } from '../lib/money.ts';
import { DAY_MS, type SpendVerdict } from '../machine/index.ts';
import type { AlertSubscription, PurchaseRecord, TeamSettings } from '../store/index.ts';

/*
 * Automatic reload's rules (issue 15), pure: which subscriptions reload, the request id of a crossing's
 * reload, what holds one back, and the sentences the alert shows. The journal is the only count: a
 * reload is a purchase whose request id starts with the subscription's prefix.
 */

/** Reloads per day when the owner left "Reloads per day" empty. */
export const DEFAULT_RELOADS_PER_DAY = 1;

/** On: an amount, confirmed, and confirmed by the current owner (a reload spends the owner's login). */
export function reloadIsOn(sub: AlertSubscription): boolean {
  return (
    (sub.reloadAmountMils ?? null) !== null &&
    (sub.reloadOnAt ?? null) !== null &&
    (sub.reloadOnBy ?? null) === sub.ownerUserId
  );
}

/** Every reload of one subscription starts with this. */
export function reloadPrefix(sub: Pick<AlertSubscription, 'teamId' | 'channelId'>): string {
  return `reload:${sub.teamId}:${sub.channelId}:`;
}

/**
 * The crossing's reload id: the workspace, the channel and when the alert was marked (written once, by
 * the instance that won the crossing). Every instance and every restart derives the same id, so the
 * journal's claim lets one purchase through per crossing.
 */
export function reloadRequestId(sub: AlertSubscription & { alertedAt: string }): string {
  return `${reloadPrefix(sub)}${sub.alertedAt}`;
}

/** This subscription's reloads among an account's purchases. */
export function reloadsOf(sub: AlertSubscription, records: readonly PurchaseRecord[]): PurchaseRecord[] {
  const prefix = reloadPrefix(sub);
  return records.filter((record) => record.requestId.startsWith(prefix));
}

/** Not settled yet: claimed and unanswered, or its answer lost and the later re-checks not over. */
function rechecking(record: PurchaseRecord): boolean {
  return (
    record.state === 'pending' ||
    (record.state === 'unconfirmed' && (record.recheckClosedAt ?? null) === null)
  );
}

/**
 * A reload since the owner last turned reload on whose lost answer the later re-checks could not settle
 * ("could not be confirmed"): nobody can tell whether it bought, so holding every later crossing would
 * hold them forever. Reload turns off instead (the owner hears it), and turning it on again is the
 * owner's word that they checked: reloads from before that confirmation no longer count here (the
 * journal keeps them unconfirmed). Null when there is none.
 */
export function reloadUnknown(sub: AlertSubscription, reloads: readonly PurchaseRecord[]): string | null {
  const since = sub.reloadOnAt ?? '';
  const unknown = reloads.find(
    (r) => r.state === 'unconfirmed' && (r.recheckClosedAt ?? null) !== null && r.createdAt >= since,
  );
  if (unknown === undefined) return null;
  return `Automatic reload of ${formatUsd(sub.reloadAmountMils ?? 0)} not made: an earlier automatic reload of ${formatUsd(unknown.amountMils)} could not be confirmed (the balance did not tell). Check the balance and /postage history all before buying. Automatic reload is now off; the alert's owner can turn it on again with /postage alerts → Edit.`;
}

/**
 * Why the crossing's reload is not made before anything is asked of Endicia, or null when it may go:
 * an earlier reload still being re-checked (pending, or unconfirmed with re-checks due), the day's count reached (rolling 24 hours
 * from the journal's claims, failed ones aside: they bought nothing), or the amount above the workspace's
 * approval threshold (a reload cannot wait for an approver).
 */
export function reloadHold(
  sub: AlertSubscription,
  reloads: readonly PurchaseRecord[],
  settings: Pick<TeamSettings, 'approvalAboveMils'> | undefined,
  now: Date,
): string | null {
  const amount = sub.reloadAmountMils ?? 0;
  const notMade = `Automatic reload of ${formatUsd(amount)} not made:`;
  if (reloads.some(rechecking)) {
    return `${notMade} the outcome of an earlier automatic reload is not known yet (it is being re-checked). No reload until it is settled.`;
  }
  const perDay = sub.reloadsPerDay ?? DEFAULT_RELOADS_PER_DAY;
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const today = reloads.filter((r) => r.state !== 'failed' && r.createdAt >= since).length;
  if (today >= perDay) {
    return `${notMade} ${today} already made in the last 24 hours (at most ${perDay} a day).`;
  }
  const above = settings?.approvalAboveMils ?? null;
  if (above !== null && amount > above) {
    return `${notMade} it is above the workspace's approval threshold of ${formatUsd(above)}, and an automatic reload cannot wait for an approver. Use Buy postage to ask for approval.`;
  }
  return null;
}

/** The limits' refusal, said of the owner (the sentence for the person buying says "you"). */
export function reloadSpendRefusal(sub: AlertSubscription, verdict: Exclude<SpendVerdict, { kind: 'ok' }>) {
  const notMade = `Automatic reload of ${formatUsd(sub.reloadAmountMils ?? 0)} not made:`;
  if (verdict.kind === 'not-buyer') {
    return `${notMade} the alert's owner is not one of this workspace's postage buyers.`;
  }
  const which =
    verdict.kind === 'over-daily'
      ? "the owner's daily limit (24 hours)"
      : "the workspace's monthly limit (30 days)";
  return `${notMade} it is over ${which}; ${formatUsd(verdict.leftMils)} left.`;
}

// Endicia's own words can be long; the note sits in a context block beside the alert's other lines.
const SAID_MAX = 400;
const clip = (said: string) => (said.length > SAID_MAX ? `${said.slice(0, SAID_MAX - 1)}…` : said);

/** Not made, in the words of the check that said no. */
export function reloadNotMadeNote(amountMils: number, said: string): string {
  return `Automatic reload of ${formatUsd(amountMils)} not made: ${clip(said)}`;
}

/** The receipt, in the alert's thread and on the alert. */
export function reloadBoughtNote(amountMils: number, balanceAfterMils: number): string {
  return `Automatic reload: ${formatUsd(amountMils)}, new balance ${formatUsd(balanceAfterMils)}.`;
}

/** A refused login or a failed purchase: reload turns off until the owner turns it on again. */
export function reloadFailedNote(amountMils: number, said: string): string {
  return `Automatic reload of ${formatUsd(amountMils)} failed: ${clip(said)} Automatic reload is now off; the alert's owner can turn it on again with /postage alerts → Edit.`;
}

/** A lost answer: the re-checks settle it (their answer comes in the alert's thread). */
export function reloadUnconfirmedNote(amountMils: number): string {
  return `Automatic reload of ${formatUsd(amountMils)}: Endicia's answer was lost. The bot re-checks the balance and says here whether it was bought; no further reload until then.`;
}
