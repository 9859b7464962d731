import type { AlertStore, AlertSubscription } from '../store/index.ts';

/** What a compare-and-set update did. */
export type UpdateOutcome =
  | { kind: 'updated'; sub: AlertSubscription }
  /** No subscription, or `change` declined it (say, the alert clicked is no longer the current one). */
  | { kind: 'declined' }
  /** Other writers kept winning the compare-and-set: give up rather than spin. */
  | { kind: 'busy' };

const ATTEMPTS = 5;

/**
 * Changes one subscription with compare-and-set (`alerts.replace`): when another writer (a click on
 * another instance, a sweep) moved it first, re-reads and applies `change` again on top, so neither
 * write is lost. `change` is pure and may decline with null.
 */
export async function updateSubscription(
  alerts: Pick<AlertStore, 'get' | 'replace'>,
  teamId: string,
  channelId: string,
  change: (sub: AlertSubscription) => AlertSubscription | null,
): Promise<UpdateOutcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const sub = await alerts.get(teamId, channelId);
    const next = sub === undefined ? null : change(sub);
    if (sub === undefined || next === null) return { kind: 'declined' };
    if (await alerts.replace(sub, next)) return { kind: 'updated', sub: next };
  }
  return { kind: 'busy' };
}
