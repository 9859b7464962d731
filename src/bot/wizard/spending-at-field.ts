import { spendRefusal, type WizardSnapshot } from '../../machine/index.ts';
import type { BotDeps } from '../deps.ts';
import { BLOCK_IDS } from '../ids.ts';

/**
 * Buyers and limits at Postage to Add, before the confirmation page: "You can buy up to $40.00 more
 * today" under the field. The purchase itself checks again (the actor), so a store failure here lets
 * the review through rather than guess.
 */
export async function spendingErrors(
  deps: Pick<BotDeps, 'spending' | 'logger'>,
  snapshot: WizardSnapshot,
  amountCents: number,
): Promise<Record<string, string> | null> {
  const { teamId, userId } = snapshot.context;
  try {
    const verdict = await deps.spending.check(teamId, userId, amountCents * 10);
    return verdict.kind === 'ok' ? null : { [BLOCK_IDS.amount]: spendRefusal(verdict) };
  } catch (error) {
    deps.logger.warn('spending limits unreadable at review; the purchase checks again', { error });
    return null;
  }
}
