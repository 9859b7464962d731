import { type AlertOptions, DEFAULT_RELOADS_PER_DAY } from '../../alerts/index.ts';
import { formatUsd } from '../../lib/money.ts';
import { nextDigestOccurrence } from '../../machine/index.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { slackDate, userMention } from './message.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Automatic reload: on (amount, count, who turned it on), or off and why. */
function reloadLine(sub: AlertOptions & { ownerUserId?: string }): string {
  const reload = sub.reloadAmountMils ?? null;
  if (reload === null) return 'off';
  const what = `${formatUsd(reload)} when the balance falls below the threshold, at most ${sub.reloadsPerDay ?? DEFAULT_RELOADS_PER_DAY} a day`;
  const by = sub.reloadOnBy ?? null;
  const at = sub.reloadOnAt ?? null;
  if (by !== null && at !== null && (sub.ownerUserId === undefined || by === sub.ownerUserId)) {
    return `on: ${what} (turned on by ${userMention(by)} ${slackDate(at)}; workspace limits apply)`;
  }
  const why = sub.reloadOffReason ?? null;
  if (why !== null) return `off: the bot turned it off. ${escapeMrkdwn(why)}`;
  return `off (${what} is kept; the alert's owner turns it on with Edit and a confirmation)`;
}

/** When the next digest is due, in each reader's own time zone (Slack's date token). */
function nextDigest(weekday: number, hour: number, timeZone: string, now: Date): string {
  const next = nextDigestOccurrence({ weekday, hour, timeZone }, now.getTime());
  return slackDate(new Date(next.atMs).toISOString());
}

/**
 * The optional alert settings, one line each, as `/postage alerts` shows them (off = says off); with
 * `now`, the digest line says when the next one is due.
 */
export function alertOptionLines(sub: AlertOptions & { ownerUserId?: string }, now?: Date): string[] {
  const days = sub.runwayWarningDays ?? null;
  const hours = sub.escalateAfterHours ?? null;
  const people = sub.escalateTo ?? [];
  const weekday = sub.digestWeekday ?? null;
  const hour = sub.digestHour ?? null;
  return [
    `*Runway warning:* ${days === null ? 'off' : `when the balance lasts under ${days} day${days === 1 ? '' : 's'} at this week's rate`}`,
    `*Automatic reload:* ${reloadLine(sub)}`,
    `*Escalation:* ${
      hours === null || people.length === 0
        ? 'off'
        : `after ${hours} hour${hours === 1 ? '' : 's'} with nobody acting, tell ${people.map(userMention).join(', ')}`
    }`,
    `*Weekly digest:* ${
      weekday === null || hour === null
        ? 'off'
        : `${WEEKDAYS[weekday - 1] ?? '?'} ${String(hour).padStart(2, '0')}:00 (${sub.digestTimeZone ?? 'UTC'})${
            now === undefined ? '' : `, next ${nextDigest(weekday, hour, sub.digestTimeZone ?? 'UTC', now)}`
          }`
    }`,
  ];
}
