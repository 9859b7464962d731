import type { RunwayOf } from '../../alerts/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { rateRunwayText } from '../views/runway-text.ts';

export type { RunwayOf };

/**
 * "about 4 days left at this week's rate" for an alert, or null. A courtesy: a forecast that fails is
 * logged and left out, never a reason for an alert (or its edit) not to go.
 */
export async function alertRunway(
  runwayOf: RunwayOf | undefined,
  logger: Logger,
  sub: { teamId: string; accountId: string },
  balanceMils: number,
  at: Date,
): Promise<string | null> {
  if (runwayOf === undefined) return null;
  try {
    return rateRunwayText(await runwayOf(sub.teamId, sub.accountId, balanceMils, at));
  } catch (error) {
    logger.warn('could not forecast the runway for an alert', { accountId: sub.accountId, error });
    return null;
  }
}
