import type { RememberedLogins } from '../../never-lock/index.ts';
import type { AlertSubscription, RememberedCredentials } from '../../store/index.ts';
import type { PauseReason } from '../messages/index.ts';

/**
 * Whether a channel's alert is really checked. The monitor only checks an alert whose owner remembers
 * that very account with a pass phrase Endicia has not refused; anything else is paused, and says why.
 */
export function pauseOf(
  sub: Pick<AlertSubscription, 'accountId'>,
  saved: RememberedCredentials | undefined,
): PauseReason | null {
  if (saved === undefined) return { kind: 'forgotten' };
  if (saved.accountId !== sub.accountId) return { kind: 'other-account' };
  if (saved.monitorBlockedAt !== null) return { kind: 'refused', at: saved.monitorBlockedAt };
  return null;
}

/**
 * `pauseOf`, and also paused when the owner's login is fine but the ACCOUNT is blocked in the never-lock
 * guard (someone else's pass phrase for it was refused): the sweep sends nothing for it either.
 */
export async function pauseWithAccountOf(
  sub: Pick<AlertSubscription, 'teamId' | 'accountId'>,
  saved: RememberedCredentials | undefined,
  remembered: Pick<RememberedLogins, 'blocked'>,
): Promise<PauseReason | null> {
  const own = pauseOf(sub, saved);
  if (own !== null) return own;
  return (await remembered.blocked(sub.teamId, sub.accountId)) ? { kind: 'account-blocked' } : null;
}
