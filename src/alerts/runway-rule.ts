/** Where a runway early warning stands: `warned` = posted for this crossing. */
export type RunwayWarningState = 'armed' | 'warned';

/**
 * The runway early warning's edge detector, like the threshold's: armed and the runway under `warnDays`
 * while the balance is still at or above the threshold → warn once; warned and back at or over `warnDays`
 * → recover (re-arm). Below the threshold the low-balance alert speaks, so nothing is warned. An unknown
 * runway (no rate yet) or no warning set changes nothing. Pure.
 */
export function nextRunwayWarning(
  prev: RunwayWarningState,
  input: { daysLeft: number | null; warnDays: number | null; belowThreshold: boolean },
): { state: RunwayWarningState; action: 'warn' | 'recover' | 'none' } {
  const { daysLeft, warnDays, belowThreshold } = input;
  if (warnDays === null)
    return prev === 'warned' ? { state: 'armed', action: 'recover' } : { state: prev, action: 'none' };
  if (daysLeft === null) return { state: prev, action: 'none' };
  const short = daysLeft < warnDays;
  if (prev === 'armed')
    return short && !belowThreshold
      ? { state: 'warned', action: 'warn' }
      : { state: 'armed', action: 'none' };
  return short ? { state: 'warned', action: 'none' } : { state: 'armed', action: 'recover' };
}
