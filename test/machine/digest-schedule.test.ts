import { describe, expect, it } from 'vitest';
import {
  DIGEST_LATE_MS,
  dueDigest,
  knownTimeZone,
  lastDigestOccurrence,
  nextDigestOccurrence,
} from '../../src/machine/digest-schedule.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);
const HOUR = 3_600_000;

describe('the weekly digest schedule', () => {
  it('is the weekday and hour on the zone’s wall clock, keyed by the local week’s Monday', () => {
    // Monday 09:00 in Chicago (CST, UTC−6) is 15:00 UTC.
    const monday9 = { weekday: 1, hour: 9, timeZone: 'America/Chicago' };
    const last = lastDigestOccurrence(monday9, at('2026-12-09T12:00:00Z'));
    expect(iso(last.atMs)).toBe('2026-12-07T15:00:00.000Z');
    expect(last.week).toBe('2026-12-07');
    expect(iso(nextDigestOccurrence(monday9, at('2026-12-09T12:00:00Z')).atMs)).toBe(
      '2026-12-14T15:00:00.000Z',
    );
    // At the very instant it is due, it is the current one, not next week's.
    expect(iso(lastDigestOccurrence(monday9, at('2026-12-07T15:00:00Z')).atMs)).toBe(
      '2026-12-07T15:00:00.000Z',
    );
    // A minute before, the previous week's.
    expect(lastDigestOccurrence(monday9, at('2026-12-07T14:59:00Z')).week).toBe('2026-11-30');
  });

  it('follows the local date, not UTC’s: Sunday 18:00 in Tokyo is Sunday 09:00 UTC', () => {
    const sunday18 = { weekday: 7, hour: 18, timeZone: 'Asia/Tokyo' };
    const last = lastDigestOccurrence(sunday18, at('2026-12-07T00:00:00Z'));
    expect(iso(last.atMs)).toBe('2026-12-06T09:00:00.000Z');
    expect(last.week).toBe('2026-11-30');
    // Half-hour zones: Monday 09:00 in Kolkata (UTC+5:30).
    expect(
      iso(
        lastDigestOccurrence({ weekday: 1, hour: 9, timeZone: 'Asia/Kolkata' }, at('2026-12-08T00:00:00Z'))
          .atMs,
      ),
    ).toBe('2026-12-07T03:30:00.000Z');
  });

  it('keeps the wall-clock hour across a DST change: 168 hours apart becomes 167 or 169', () => {
    const monday9 = { weekday: 1, hour: 9, timeZone: 'America/New_York' };
    // US DST starts Sunday 2027-03-14: Monday 09:00 EST is 14:00 UTC, a week later EDT is 13:00 UTC.
    const before = lastDigestOccurrence(monday9, at('2027-03-10T00:00:00Z'));
    const after = nextDigestOccurrence(monday9, at('2027-03-10T00:00:00Z'));
    expect(iso(before.atMs)).toBe('2027-03-08T14:00:00.000Z');
    expect(iso(after.atMs)).toBe('2027-03-15T13:00:00.000Z');
    expect(after.atMs - before.atMs).toBe(167 * HOUR);
    // And back: DST ends Sunday 2026-11-01 (Europe: 2026-10-25).
    const fall = lastDigestOccurrence(monday9, at('2026-11-03T00:00:00Z'));
    expect(iso(fall.atMs)).toBe('2026-11-02T14:00:00.000Z');
    const berlin = { weekday: 1, hour: 9, timeZone: 'Europe/Berlin' };
    expect(iso(lastDigestOccurrence(berlin, at('2026-10-20T00:00:00Z')).atMs)).toBe(
      '2026-10-19T07:00:00.000Z',
    );
    expect(iso(lastDigestOccurrence(berlin, at('2026-10-27T00:00:00Z')).atMs)).toBe(
      '2026-10-26T08:00:00.000Z',
    );
  });

  it('an hour the clocks skip is read one hour later; an hour they repeat, the first time', () => {
    // Sunday 2027-03-14 02:00 never happens in New York: 03:00 EDT (07:00 UTC).
    const skipped = { weekday: 7, hour: 2, timeZone: 'America/New_York' };
    expect(iso(lastDigestOccurrence(skipped, at('2027-03-15T00:00:00Z')).atMs)).toBe(
      '2027-03-14T07:00:00.000Z',
    );
    // Sunday 2026-11-01 01:00 happens twice: the first is 01:00 EDT (05:00 UTC).
    const repeated = { weekday: 7, hour: 1, timeZone: 'America/New_York' };
    expect(iso(lastDigestOccurrence(repeated, at('2026-11-02T00:00:00Z')).atMs)).toBe(
      '2026-11-01T05:00:00.000Z',
    );
  });

  it('is due from its hour until 24 hours later, never before a subscription existed', () => {
    const monday9 = { weekday: 1, hour: 9, timeZone: 'UTC' };
    const due = at('2026-12-07T09:00:00Z');
    expect(dueDigest(monday9, due - 1)).toBeNull();
    expect(dueDigest(monday9, due)?.week).toBe('2026-12-07');
    expect(dueDigest(monday9, due + DIGEST_LATE_MS - 1)?.week).toBe('2026-12-07');
    expect(dueDigest(monday9, due + DIGEST_LATE_MS)).toBeNull();
    // Made at 10:00 that Monday: the first digest is next week's.
    expect(dueDigest(monday9, due + 2 * HOUR, due + HOUR)).toBeNull();
    expect(dueDigest(monday9, due + 2 * HOUR, due - HOUR)?.week).toBe('2026-12-07');
  });

  it('reads an unknown zone as UTC', () => {
    expect(knownTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(knownTimeZone(null)).toBe('UTC');
    expect(knownTimeZone('America/Chicago')).toBe('America/Chicago');
    const odd = { weekday: 1, hour: 9, timeZone: 'Mars/Olympus_Mons' };
    expect(iso(lastDigestOccurrence(odd, at('2026-12-08T00:00:00Z')).atMs)).toBe('2026-12-07T09:00:00.000Z');
  });
});
