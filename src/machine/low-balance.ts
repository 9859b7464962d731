/** Where a low-balance subscription stands: `alerted` = the balance is below the threshold and the channel was told. */
export type AlertState = 'armed' | 'alerted';

/** What a balance reading asks the monitor to do. */
export type AlertAction = 'alert' | 'recover' | 'none';

/** The edge detector's answer: the state to keep and the one thing to do now. */
export interface AlertTransition {
  state: AlertState;
  action: AlertAction;
}

/**
 * The low-balance edge detector: alerts fire on transitions only. Armed and below the threshold (strictly
 * less) → alert once; alerted and still below → nothing; alerted and back at or above → recover (re-arm).
 * Pure: money is integer mils, and the caller decides what a reading is worth.
 */
export function nextAlertState(
  prev: AlertState,
  balanceMils: number,
  thresholdMils: number,
): AlertTransition {
  const below = balanceMils < thresholdMils;
  if (prev === 'armed')
    return below ? { state: 'alerted', action: 'alert' } : { state: 'armed', action: 'none' };
  return below ? { state: 'alerted', action: 'none' } : { state: 'armed', action: 'recover' };
}
