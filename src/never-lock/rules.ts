import type { AccountGuard } from '../store/index.ts';

/** Endicia suspends an account after this many wrong pass phrases in a row. */
export const SUSPEND_AFTER = 5;
/** After this many refusals in a row, typed attempts wait {@link HOLD_MS}; nothing unattended is sent. */
export const HOLD_AFTER = 3;
/** The bot never sends another pass phrase once this many were refused in a row (the next one suspends). */
export const LAST_TRY_AFTER = SUSPEND_AFTER - 1;
export const HOLD_MS = 15 * 60 * 1000;

/** A guard for an account nothing is known about. */
export function freshGuard(teamId: string, accountId: string, now: Date): AccountGuard {
  const at = now.toISOString();
  return {
    teamId,
    accountId,
    refusals: 0,
    blockedAt: null,
    heldUntil: null,
    attemptSince: null,
    updatedAt: at,
  };
}

/**
 * The guard as it stands: an attempt whose outcome was never written (a crash, a full disk) counts as a
 * refusal, so a restart cannot spend another try on a phrase that may have been refused.
 */
export function settled(guard: AccountGuard): AccountGuard {
  if (guard.attemptSince === null) return guard;
  return afterRefusal({ ...guard, attemptSince: null }, new Date(guard.attemptSince), true);
}

/** After Endicia refused a pass phrase for the account; `blocks` stops unattended use too. */
export function afterRefusal(guard: AccountGuard, now: Date, blocks: boolean): AccountGuard {
  const refusals = guard.refusals + 1;
  const at = now.toISOString();
  return {
    ...guard,
    refusals,
    attemptSince: null,
    blockedAt: guard.blockedAt ?? (blocks ? at : null),
    heldUntil: refusals >= HOLD_AFTER ? new Date(now.getTime() + HOLD_MS).toISOString() : guard.heldUntil,
    updatedAt: at,
  };
}

/** After Endicia accepted a pass phrase for the account: its count starts again and nothing is held. */
export function afterAcceptance(guard: AccountGuard, now: Date): AccountGuard {
  return { ...freshGuard(guard.teamId, guard.accountId, now) };
}

/** Whether a remembered login may be used without a person typing (alerts, balance, recovery, Reveal). */
export function unattendedAllowed(guard: AccountGuard): boolean {
  return guard.blockedAt === null && guard.refusals < HOLD_AFTER;
}

/** null: a typed pass phrase may be sent now. Otherwise when typing may resume (null date = not by us). */
export function typedHold(guard: AccountGuard, now: Date): { until: Date | null } | null {
  if (guard.refusals >= LAST_TRY_AFTER) return { until: null };
  if (guard.refusals >= HOLD_AFTER && guard.heldUntil !== null && now < new Date(guard.heldUntil)) {
    return { until: new Date(guard.heldUntil) };
  }
  return null;
}

/** How many more wrong pass phrases Endicia takes before it suspends the account. */
export function triesLeft(guard: AccountGuard): number {
  return Math.max(0, SUSPEND_AFTER - guard.refusals);
}
