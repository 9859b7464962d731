import { forecastRunway, RUNWAY_WINDOW_MS, type Runway } from '../machine/index.ts';
import type { ActorDeps } from './deps.ts';

/** Enough to find every recredit of a week: a team buying more often than this is not running low. */
const RECENT_PURCHASES = 50;

/**
 * The account's runway at `balanceMils` (read at `at`), from the readings kept in the store and the
 * week's confirmed purchases (recredits, not spending). Null when the store cannot say: a forecast is
 * a courtesy, never a reason for a login or a balance to fail.
 */
export async function runwayOf(
  deps: Pick<ActorDeps, 'balanceReadings' | 'purchases' | 'logger'>,
  teamId: string,
  accountId: string,
  balanceMils: number,
  at: Date,
): Promise<Runway | null> {
  const since = new Date(at.getTime() - RUNWAY_WINDOW_MS).toISOString();
  try {
    const [readings, purchases] = await Promise.all([
      deps.balanceReadings.listSince(teamId, accountId, since),
      deps.purchases.listByAccount(teamId, accountId, RECENT_PURCHASES),
    ]);
    const points = readings.map((r) => ({ balanceMils: r.balanceMils, atMs: Date.parse(r.readAt) }));
    // This reading may not be written yet (readings are kept in the background): it ends the window.
    points.push({ balanceMils, atMs: at.getTime() });
    const recredits = purchases
      .filter((p) => p.state === 'confirmed' && p.createdAt >= since)
      .map((p) => ({ amountMils: p.amountMils, atMs: Date.parse(p.createdAt) }));
    return forecastRunway(points, recredits, balanceMils, at.getTime());
  } catch (error) {
    deps.logger.warn('could not read the balance history for a runway', { error });
    return null;
  }
}
