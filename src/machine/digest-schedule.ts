/**
 * When a channel's weekly digest is due: an ISO weekday and an hour on the wall clock of an IANA time
 * zone. Pure (the zone's rules come from Intl), so it is tested with fixed instants across DST changes.
 */

import { DAY_MS } from './runway.ts';

const HOUR_MS = 3_600_000;
/** A digest missed (no instance ran at its hour) is still posted this long after it; later, skipped. */
export const DIGEST_LATE_MS = 24 * HOUR_MS;

export interface DigestSetting {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 0–23 on the zone's wall clock. */
  hour: number;
  /** IANA name; an unknown one is read as UTC. */
  timeZone: string;
}

/** One week's digest: the instant it is due and the local week it belongs to (`YYYY-MM-DD` of its Monday). */
export interface DigestOccurrence {
  atMs: number;
  week: string;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_NUMBER: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The zone itself when Intl knows it, else UTC (a stored zone Slack once gave may be renamed later). */
export function knownTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatFor(timeZone).formatToParts(ms)) parts[part.type] = part.value;
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    weekday: WEEKDAY_NUMBER[parts['weekday'] ?? ''] ?? 1,
  };
}

/** The zone's wall clock at `ms` as if it were UTC, to the minute. */
function wallMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

/** The zone's offset from UTC at `ms`, in ms (whole minutes: no zone in use has seconds). */
function offsetAt(ms: number, timeZone: string): number {
  return wallMs(ms, timeZone) - (ms - (ms % 60_000));
}

/**
 * The instant the wall clock of `timeZone` shows `hour`:00 on the civil date `dayUtcMs` (midnight UTC
 * of that date). An hour that happens twice (clocks go back) is its first time; an hour that never
 * happens (clocks go forward) is read with the offset before the change, i.e. one hour later on the wall.
 */
function instantOf(dayUtcMs: number, hour: number, timeZone: string): number {
  const wall = dayUtcMs + hour * HOUR_MS;
  // A change of offset is never closer than a day to another: the offsets half a day each side cover it.
  const before = wall - offsetAt(wall - DAY_MS / 2, timeZone);
  const after = wall - offsetAt(wall + DAY_MS / 2, timeZone);
  const matching = [before, after].filter((ms) => wallMs(ms, timeZone) === wall);
  return matching.length > 0 ? Math.min(...matching) : before;
}

function isoDate(dayUtcMs: number): string {
  return new Date(dayUtcMs).toISOString().slice(0, 10);
}

/** The occurrence in the local week that starts on the Monday `mondayUtcMs` (a civil date). */
function occurrenceOfWeek(setting: DigestSetting, mondayUtcMs: number, timeZone: string): DigestOccurrence {
  const day = mondayUtcMs + (setting.weekday - 1) * DAY_MS;
  return { atMs: instantOf(day, setting.hour, timeZone), week: isoDate(mondayUtcMs) };
}

/** The latest occurrence at or before `nowMs`. */
export function lastDigestOccurrence(setting: DigestSetting, nowMs: number): DigestOccurrence {
  const timeZone = knownTimeZone(setting.timeZone);
  const today = wallClock(nowMs, timeZone);
  const monday = Date.UTC(today.year, today.month - 1, today.day) - (today.weekday - 1) * DAY_MS;
  const thisWeek = occurrenceOfWeek(setting, monday, timeZone);
  return thisWeek.atMs <= nowMs ? thisWeek : occurrenceOfWeek(setting, monday - 7 * DAY_MS, timeZone);
}

/** The first occurrence after `nowMs` (what `/postage alerts` shows as the next digest). */
export function nextDigestOccurrence(setting: DigestSetting, nowMs: number): DigestOccurrence {
  const timeZone = knownTimeZone(setting.timeZone);
  const last = lastDigestOccurrence(setting, nowMs);
  return occurrenceOfWeek(setting, Date.parse(`${last.week}T00:00:00Z`) + 7 * DAY_MS, timeZone);
}

/**
 * The occurrence to post now, or null: the latest one at or before `nowMs`, when it is less than
 * {@link DIGEST_LATE_MS} old (a digest missed while no instance ran is posted late, but never a day
 * late) and not before `sinceMs` (a subscription made after its hour starts with the next week).
 */
export function dueDigest(setting: DigestSetting, nowMs: number, sinceMs = 0): DigestOccurrence | null {
  const last = lastDigestOccurrence(setting, nowMs);
  if (nowMs - last.atMs >= DIGEST_LATE_MS || last.atMs < sinceMs) return null;
  return last;
}
