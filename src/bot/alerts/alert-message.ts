import { handlingOf } from '../../alerts/index.ts';
import type { Logger } from '../../lib/logger.ts';
import type { AlertSubscription } from '../../store/index.ts';
import { type BotMessage, lowBalanceAlert } from '../messages/index.ts';
import { alertRunway, type RunwayOf } from './alert-runway.ts';

/**
 * The current alert of `sub` as it should read now: the last balance read, the runway at it, and who
 * handles it. What every edit of a still-low alert (a click, an escalation) renders.
 */
export async function currentAlertMessage(
  sub: AlertSubscription,
  options: { environmentLabel: string | null; runwayOf?: RunwayOf | undefined; logger: Logger; now: Date },
): Promise<BotMessage> {
  const balanceMils = sub.lastBalanceMils ?? sub.thresholdMils;
  const runway = await alertRunway(options.runwayOf, options.logger, sub, balanceMils, options.now);
  return lowBalanceAlert(
    {
      accountId: sub.accountId,
      balanceMils,
      thresholdMils: sub.thresholdMils,
      environmentLabel: options.environmentLabel,
      runway,
    },
    handlingOf(sub),
  );
}
