/**
 * How long a balance lasts at this week's rate, from the balances the bot has read. Pure: money in
 * integer mils, times in epoch milliseconds, ratios in BigInt so no float ever touches an amount.
 */

export const DAY_MS = 86_400_000;
/** The window the rate is read over. */
export const RUNWAY_WINDOW_MS = 7 * DAY_MS;
/** Below this much history the rate says more about chance than about the team's shipping. */
export const RUNWAY_MIN_HISTORY_MS = 2 * DAY_MS;
/** The suggestion covers this many days, rounded up to whole $5, at least $10. */
export const SUGGESTION_DAYS = 14;
const SUGGESTION_STEP_MILS = 5_000;
const SUGGESTION_MIN_MILS = 10_000;

export interface RunwayReading {
  balanceMils: number;
  atMs: number;
}

/** Money the bot put in (a confirmed purchase or reload) at `atMs`: not spending, whatever the balance did. */
export interface Recredit {
  amountMils: number;
  atMs: number;
}

export type Runway =
  /** Under two days of readings in the window. */
  | { kind: 'not-enough-history' }
  /** Readings span two days or more, and the balance never fell (net of recredits). */
  | { kind: 'no-spending' }
  | {
      kind: 'rate';
      /** Postage spent over `spanMs`: every fall between two readings, recredits added back. */
      spentMils: number;
      spanMs: number;
      /** Whole days the balance lasts at that rate (rounded down: "about 4 days" never flatters). */
      daysLeft: number;
    };

/** Postage used over the readings of one window, and the time those readings span. */
export interface WeekSpend {
  spentMils: number;
  spanMs: number;
  /** The first and the last reading in the window. */
  first: RunwayReading;
  last: RunwayReading;
}

/**
 * Postage spent over the readings of the seven days before `nowMs`: every fall between two readings
 * (labels printed outside the bot included), a recredit inside an interval added back to its start.
 * Null without a reading in the window. The runway and the weekly digest both read spending here.
 */
export function weekSpend(
  readings: readonly RunwayReading[],
  recredits: readonly Recredit[],
  nowMs: number,
): WeekSpend | null {
  const since = nowMs - RUNWAY_WINDOW_MS;
  const inWindow = readings.filter((r) => r.atMs >= since && r.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs);
  const first = inWindow[0];
  const last = inWindow.at(-1);
  if (first === undefined || last === undefined) return null;
  let spentMils = 0;
  for (let i = 1; i < inWindow.length; i += 1) {
    const before = inWindow[i - 1] as RunwayReading;
    const after = inWindow[i] as RunwayReading;
    const added = recredits
      .filter((r) => r.atMs > before.atMs && r.atMs <= after.atMs)
      .reduce((sum, r) => sum + r.amountMils, 0);
    spentMils += Math.max(0, before.balanceMils + added - after.balanceMils);
  }
  return { spentMils, spanMs: last.atMs - first.atMs, first, last };
}

/**
 * The spending rate over the readings of the last seven days (before `nowMs`) and what it leaves of
 * `balanceMils`. Labels printed outside the bot count: they are falls between readings like any other.
 * A recredit inside an interval is added back to that interval's start, so buying postage is never
 * mistaken for a week without spending; a purchase whose outcome is unknown is not a recredit.
 */
export function forecastRunway(
  readings: readonly RunwayReading[],
  recredits: readonly Recredit[],
  balanceMils: number,
  nowMs: number,
): Runway {
  const week = weekSpend(readings, recredits, nowMs);
  if (week === null || week.spanMs < RUNWAY_MIN_HISTORY_MS) return { kind: 'not-enough-history' };
  const { spentMils, spanMs } = week;
  if (spentMils === 0) return { kind: 'no-spending' };
  const daysLeft = Number(
    (BigInt(Math.max(0, balanceMils)) * BigInt(spanMs)) / (BigInt(spentMils) * BigInt(DAY_MS)),
  );
  return { kind: 'rate', spentMils, spanMs, daysLeft };
}

/**
 * "$X covers about 14 days" at the runway's rate: rounded up to whole $5, at least $10, at most
 * `capMils` (one purchase's cap). Null without a rate to go by.
 */
export function suggestedPurchase(runway: Runway, capMils: number): number | null {
  if (runway.kind !== 'rate') return null;
  const perSpan = BigInt(runway.spentMils) * BigInt(SUGGESTION_DAYS * DAY_MS);
  const span = BigInt(runway.spanMs);
  const needed = Number((perSpan + span - 1n) / span);
  const up = needed + SUGGESTION_STEP_MILS - 1;
  const rounded = up - (up % SUGGESTION_STEP_MILS);
  return Math.min(capMils, Math.max(SUGGESTION_MIN_MILS, rounded));
}
