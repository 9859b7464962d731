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
