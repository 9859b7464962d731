import { forecastRunway, RUNWAY_WINDOW_MS, type Runway, type RunwayReading, weekSpend } from './runway.ts';

/** A purchase on the account, as the digest lists it (failed ones bought nothing and are left out). */
export interface DigestPurchase {
  userId: string;
  amountMils: number;
  /** `pending`: still in flight; `unconfirmed`: nobody can tell whether it went through. */
  state: 'confirmed' | 'unconfirmed' | 'pending';
  atMs: number;
}

/** One account's week, as the weekly digest tells it. Money in integer mils. */
export interface WeeklyDigest {
  fromMs: number;
  toMs: number;
  /** Postage used over the week's readings (the runway's arithmetic); null without a reading this week. */
  spentMils: number | null;
  /** How much of the week the readings span (spending before the first reading is not seen). */
  spanMs: number;
  /** Newest first. */
  purchases: DigestPurchase[];
  /** The confirmed purchases' sum. */
  boughtMils: number;
  /** The newest balance known, when and however long ago it was read. */
  balance: RunwayReading | null;
  /** From that balance at this week's rate; null without a balance. */
  runway: Runway | null;
}

/**
 * The week before `nowMs` of one account: what was spent (falls between readings, recredits excluded,
 * labels printed outside the bot included), what was bought and by whom, the newest balance and its
 * runway. `latest` is a balance known from outside the readings (an alert check), used when newer.
 */
export function summarizeWeek(input: {
  readings: readonly RunwayReading[];
  purchases: readonly (Omit<DigestPurchase, 'state'> & { state: string })[];
  latest?: RunwayReading | null;
  nowMs: number;
}): WeeklyDigest {
  const { nowMs } = input;
  const fromMs = nowMs - RUNWAY_WINDOW_MS;
  const purchases = input.purchases
    .filter((p): p is DigestPurchase => p.state !== 'failed' && p.atMs >= fromMs && p.atMs <= nowMs)
    .sort((a, b) => b.atMs - a.atMs);
  // Only a confirmed purchase is money put in; an unknown outcome is never taken for a recredit.
  const recredits = purchases.filter((p) => p.state === 'confirmed');
  const week = weekSpend(input.readings, recredits, nowMs);
  const candidates = [week?.last, input.latest].filter(
    (r): r is RunwayReading => r !== undefined && r !== null && r.atMs <= nowMs,
  );
  const balance = candidates.sort((a, b) => b.atMs - a.atMs)[0] ?? null;
  return {
    fromMs,
    toMs: nowMs,
    spentMils: week?.spentMils ?? null,
    spanMs: week?.spanMs ?? 0,
    purchases,
    boughtMils: recredits.reduce((sum, p) => sum + p.amountMils, 0),
    balance,
    runway: balance === null ? null : forecastRunway(input.readings, recredits, balance.balanceMils, nowMs),
  };
}
