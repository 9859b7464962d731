import type { AlertSubscription } from '../store/index.ts';

const HOUR_MS = 3_600_000;

/**
 * Whether the alert should be escalated now: it is still up (alerted, posted), escalation is set (hours and
 * people), it was not escalated yet, nobody clicked I'm on it, no snooze is running, and the hours have
 * passed since the alert — or since a snooze ran out, whichever is later. Pure; purchases are the caller's
 * question (a purchase through the bot since the alert also stops it).
 */
export function escalationDue(sub: AlertSubscription, now: Date): boolean {
  const hours = sub.escalateAfterHours ?? null;
  const people = sub.escalateTo ?? [];
  if (sub.state !== 'alerted' || sub.alertMessageTs === null || hours === null || people.length === 0) {
    return false;
  }
  if ((sub.escalatedAt ?? null) !== null || (sub.acknowledgedBy ?? null) !== null) return false;
  const alertedAt = Date.parse(sub.alertedAt ?? '');
  if (!Number.isFinite(alertedAt)) return false;
  const snoozeEnd = sub.snoozedUntil ? Date.parse(sub.snoozedUntil) : Number.NaN;
  const from = Number.isFinite(snoozeEnd) ? Math.max(alertedAt, snoozeEnd) : alertedAt;
  return now.getTime() >= from + hours * HOUR_MS;
}
