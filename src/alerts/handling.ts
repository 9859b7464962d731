import type { AlertStore, AlertSubscription } from '../store/index.ts';
import { updateSubscription } from './update-subscription.ts';

export const SNOOZE_HOUR_MS = 3_600_000;
export const SNOOZE_DAY_MS = 24 * SNOOZE_HOUR_MS;

/** What a person did with an alert: "I'm on it", or a snooze for `ms`. */
export type AlertHandling = { kind: 'acknowledge' } | { kind: 'snooze'; ms: number };

/** Which alert message a click was on. */
export interface AlertRef {
  teamId: string;
  channelId: string;
  /** The alert message's ts: a click on an older (recovered) alert must not touch the current one. */
  alertTs: string;
}

/** Who handles the alert, as shown on it. */
export interface HandlingShown {
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  snoozedBy: string | null;
  snoozedUntil: string | null;
  /** When it was escalated, and to whom (empty when not escalated). */
  escalatedAt: string | null;
  escalatedTo: string[];
  /** What automatic reload did for this alert (made, not made and why); null = nothing (yet). */
  reloadNote: string | null;
}

/** The handling fields of a subscription (absent on older records = nobody). */
export function handlingOf(sub: AlertSubscription): HandlingShown {
  return {
    acknowledgedBy: sub.acknowledgedBy ?? null,
    acknowledgedAt: sub.acknowledgedAt ?? null,
    snoozedBy: sub.snoozedBy ?? null,
    snoozedUntil: sub.snoozedUntil ?? null,
    escalatedAt: sub.escalatedAt ?? null,
    escalatedTo: (sub.escalatedAt ?? null) === null ? [] : (sub.escalateTo ?? []),
    reloadNote: sub.reloadNote ?? null,
  };
}

/** Nobody handles it, nobody was told: what a freshly posted alert starts with. */
export const NOBODY = {
  acknowledgedBy: null,
  acknowledgedAt: null,
  snoozedBy: null,
  snoozedUntil: null,
  escalatedAt: null,
  reloadNote: null,
} as const satisfies Partial<AlertSubscription>;

/** True while a snooze runs: no escalation and no repeated warning before `snoozedUntil`. */
export function isSnoozed(sub: AlertSubscription, now: Date): boolean {
  const until = sub.snoozedUntil ?? null;
  return until !== null && Date.parse(until) > now.getTime();
}

/**
 * The subscription after `userId` did `handling` at `now`. Pure. A snooze never shortens a longer one
 * already running (a "1 hour" click after someone's "1 day" keeps the day), and says who snoozed last.
 */
export function handled(
  sub: AlertSubscription,
  userId: string,
  handling: AlertHandling,
  now: Date,
): AlertSubscription {
  const at = now.toISOString();
  if (handling.kind === 'acknowledge') return { ...sub, acknowledgedBy: userId, acknowledgedAt: at };
  const wanted = now.getTime() + handling.ms;
  const running = sub.snoozedUntil ? Date.parse(sub.snoozedUntil) : Number.NaN;
  const until = Number.isFinite(running) && running > wanted ? running : wanted;
  return { ...sub, snoozedBy: userId, snoozedUntil: new Date(until).toISOString() };
}

/** What recording a click did: `stale` = the alert clicked is not the channel's current one. */
export type HandleOutcome =
  | { kind: 'handled'; sub: AlertSubscription }
  | { kind: 'stale' }
  | { kind: 'busy' };

/**
 * Records a click on an alert with compare-and-set: a click made at the same time on another instance,
 * or a sweep's write, makes this one re-read and apply itself on top, so none is lost.
 */
export async function recordHandling(
  alerts: Pick<AlertStore, 'get' | 'replace'>,
  ref: AlertRef,
  userId: string,
  handling: AlertHandling,
  now: Date,
): Promise<HandleOutcome> {
  const outcome = await updateSubscription(alerts, ref.teamId, ref.channelId, (sub) =>
    sub.state === 'alerted' && sub.alertMessageTs === ref.alertTs
      ? handled(sub, userId, handling, now)
      : null,
  );
  if (outcome.kind === 'updated') return { kind: 'handled', sub: outcome.sub };
  return outcome.kind === 'declined' ? { kind: 'stale' } : outcome;
}
