import type { AlertOptions } from '../../alerts/index.ts';
import { formatUsd } from '../../lib/money.ts';
import { nextDigestOccurrence } from '../../machine/index.ts';
import { slackDate, userMention } from './message.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** When the next digest is due, in each reader's own time zone (Slack's date token). */
function nextDigest(weekday: number, hour: number, timeZone: string, now: Date): string {
  const next = nextDigestOccurrence({ weekday, hour, timeZone }, now.getTime());
  return slackDate(new Date(next.atMs).toISOString());
}

/**
 * The optional alert settings, one line each, as `/postage alerts` shows them (off = says off); with
 * `now`, the digest line says when the next one is due.
 */
export function alertOptionLines(sub: AlertOptions, now?: Date): string[] {
  const days = sub.runwayWarningDays ?? null;
  const reload = sub.reloadAmountMils ?? null;
  const hours = sub.escalateAfterHours ?? null;
  const people = sub.escalateTo ?? [];
  const weekday = sub.digestWeekday ?? null;
  const hour = sub.digestHour ?? null;
  return [
    `*Runway warning:* ${days === null ? 'off' : `when the balance lasts under ${days} day${days === 1 ? '' : 's'} at this week's rate`}`,
    `*Automatic reload:* ${
      reload === null
        ? 'off'
        : `${formatUsd(reload)}, at most ${sub.reloadsPerDay ?? 1} a day (kept; automatic reload is not available yet, nothing is bought)`
    }`,
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
