import type { MonitorDeps } from './types.ts';

/**
 * Keeps a sweep's balance reading (source `sweep`) for runway forecasts. Best effort: a reading that cannot
 * be written is logged and loses one point of a forecast, never an alert. Never rejects.
 */
export function keepSweepReading(
  deps: Pick<MonitorDeps, 'balanceReadings' | 'logger'>,
  teamId: string,
  accountId: string,
  balanceMils: number,
  at: Date,
): Promise<void> {
  if (deps.balanceReadings === undefined) return Promise.resolve();
  return deps.balanceReadings
    .add({ teamId, accountId, balanceMils, readAt: at.toISOString(), source: 'sweep' })
    .catch((error: unknown) => deps.logger.warn('could not keep a sweep reading', { accountId, error }));
}
