import { EndiciaApiError, type EndiciaCredentials, isCredentialRefusal } from '../endicia/index.ts';
import { createKeyedMutex } from '../lib/keyed-mutex.ts';
import { type HeldLease, waitForLease } from '../lib/lease.ts';
import type { Logger } from '../lib/logger.ts';
import type {
  AccountGuard,
  AccountGuardStore,
  AlertStore,
  CredentialStore,
  LeaseStore,
  OnceStore,
  RememberedCredentials,
} from '../store/index.ts';
import { AttemptNotRecordedError, CountedRefusalError, TypedAttemptsHeldError } from './errors.ts';
import {
  afterAcceptance,
  afterRefusal,
  freshGuard,
  HOLD_AFTER,
  settled,
  triesLeft,
  typedHold,
  unattendedAllowed,
} from './rules.ts';

/** Someone who remembers the account, and the channels whose alerts use their login. */
export interface AccountOwner {
  userId: string;
  channels: string[];
}

/** How people hear about the account's guard. Implementations log their own failures and never throw. */
export interface LockoutNotifier {
  /**
   * Unattended use of the account stopped: told once to each person who remembers it. `unrecorded`:
   * the outcome of the bot's last try was never written (a crash, a full disk), so it counts as refused.
   */
  accountBlocked(
    teamId: string,
    accountId: string,
    owners: readonly AccountOwner[],
    why: 'refused' | 'unrecorded',
  ): Promise<void>;
  /** Typed pass phrases for the account are held (told once per hold to the people who remember it). */
  typingHeld(
    teamId: string,
    accountId: string,
    owners: readonly AccountOwner[],
    until: Date | null,
  ): Promise<void>;
}

export interface RememberedLoginsDeps {
  credentials: CredentialStore;
  guards: AccountGuardStore;
  /** Who to tell: the owners of the alerts on an account. */
  alerts: Pick<AlertStore, 'listByAccount'>;
  notifier: LockoutNotifier;
  logger: Logger;
  now: () => Date;
  /** Several instances on one store: the account's gate and "told once" hold across all of them. */
  shared?: SharedGate;
}

/** The store's cross-instance parts the gate uses. */
export interface SharedGate {
  leases: LeaseStore;
  once: OnceStore;
  /** This instance (`POSTAGE_INSTANCE_ID`): the owner of its `account:<team>:<account>` leases. */
  instanceId: string;
  /** Longer than one use of a pass phrase (an Endicia call and its recording); renewed while held. */
  leaseTtlMs: number;
  /** How long a use waits for another instance's use of the same account before giving up (nothing sent). */
  waitMs: number;
}

// A block or hold told once stays told this long (a later block of the same account is a new one).
const TOLD_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/** The outcome of using a person's remembered login. */
export type RememberedUse<T> =
  | { kind: 'ok'; accountId: string; value: T }
  | { kind: 'not-remembered' }
  /** Not sent: the account (or this login) was refused before, or its guard cannot be read. */
  | { kind: 'blocked'; accountId: string }
  /** Sent and failed (Endicia's error), or not sent because the try could not be recorded first. */
  | { kind: 'failed'; accountId: string; error: unknown };

/**
 * The one owner of remembered logins and of every pass phrase the bot sends, because five wrong pass
 * phrases in a row suspend the Endicia account:
 * - the guard is per account (whoever's login or typing), in the store, so a restart keeps it;
 * - before a pass phrase is sent, the attempt is written; an attempt whose outcome was never written
 *   counts as a refusal (fail closed), and when even the attempt cannot be written nothing is sent;
 * - one refusal stops unattended use of the account until a pass phrase is accepted (a wizard login);
 * - typed attempts wait 15 minutes after the third refusal in a row, and the fifth is never sent;
 * - one send at a time per account: in this process, then across instances (`account:<team>:<account>`).
 */
export interface RememberedLogins {
  /** The person's remembered login, as stored (no Endicia call). */
  read(teamId: string, userId: string): Promise<RememberedCredentials | undefined>;
  /** The person's remembered phrase for `accountId`, only while unattended use of it is allowed. */
  reveal(teamId: string, userId: string, accountId: string): Promise<string | null>;
  /** Whether unattended use of the account is stopped (a refusal, or a guard that cannot be read). */
  blocked(teamId: string, accountId: string): Promise<boolean>;
  /** Sends the person's remembered login (for `accountId`, or whatever they remember when null). */
  useRemembered<T>(
    teamId: string,
    userId: string,
    accountId: string | null,
    send: (credentials: EndiciaCredentials) => Promise<T>,
  ): Promise<RememberedUse<T>>;
  /**
   * Sends a pass phrase a person typed (login, Buy, Change Pass Phrase).
   * @throws TypedAttemptsHeldError (nothing sent), CountedRefusalError (Endicia refused it),
   * AttemptNotRecordedError (nothing sent: the try could not be recorded), or whatever `send` throws.
   */
  useTyped<T>(
    teamId: string,
    userId: string,
    credentials: EndiciaCredentials,
    send: () => Promise<T>,
  ): Promise<T>;
  /** Resolves once every outcome is recorded (compose waits for it before closing the store). */
  drain(): Promise<void>;
}

const PASSED_AUTHENTICATION: ReadonlySet<string> = new Set(['amount', 'payment', 'pass-phrase-reused']);

export function createRememberedLogins(deps: RememberedLoginsDeps): RememberedLogins {
  const { logger, now } = deps;
  const perAccount = createKeyedMutex();
  // Within one process: a block or hold is announced once, also while the store cannot record it;
  // across instances, the store's once-mark decides.
  const told = new Set<string>();
  const { shared } = deps;

  /** The account across instances; AttemptNotRecordedError (nothing may be sent) when it cannot be had. */
  const gate = async (teamId: string, accountId: string): Promise<HeldLease | null> => {
    if (shared === undefined) return null;
    try {
      return await waitForLease(shared.leases, `account:${teamId}:${accountId}`, shared.instanceId, {
        ttlMs: shared.leaseTtlMs,
        waitMs: shared.waitMs,
        onLost: (error) => logger.warn('lost the account gate while using it', { teamId, error }),
      });
    } catch (error) {
      logger.error('could not take the account gate; not sending a pass phrase', { teamId, error });
      throw new AttemptNotRecordedError(error);
    }
  };
  /**
   * Runs `fn` holding the account. What `fn` hands to `later` (recording the outcome, telling people)
   * runs after `fn` has answered its caller, still holding the account: the next try waits for the
   * outcome to be written, the person waiting for a login does not. A crash in between leaves the try
   * written before the call, which the next reader counts as a refusal.
   */
  const afterwards = async <T>(
    teamId: string,
    accountId: string,
    fn: (later: (work: () => Promise<unknown>) => void) => Promise<T>,
  ): Promise<T> => {
    const local = await perAccount.acquire(JSON.stringify([teamId, accountId]));
    let held: HeldLease | null;
    try {
      held = await gate(teamId, accountId);
    } catch (error) {
      local();
      throw error;
    }
    const release = () => {
      void (held?.release() ?? Promise.resolve()).catch(() => undefined).finally(local);
    };
    let pending: Promise<unknown> = Promise.resolve();
    try {
      return await fn((work) => {
        pending = work();
      });
    } finally {
      void pending.catch(() => undefined).finally(release);
    }
  };

  const load = async (teamId: string, accountId: string): Promise<AccountGuard> =>
    settled((await deps.guards.get(teamId, accountId)) ?? freshGuard(teamId, accountId, now()));

  const ownersOf = async (teamId: string, accountId: string, also: string): Promise<AccountOwner[]> => {
    const owners = new Map<string, string[]>([[also, []]]);
    try {
      for (const sub of await deps.alerts.listByAccount(teamId, accountId)) {
        owners.set(sub.ownerUserId, [...(owners.get(sub.ownerUserId) ?? []), sub.channelId]);
      }
    } catch (error) {
      logger.error('could not list who remembers an account; telling only the person who used it', { error });
    }
    return [...owners].map(([userId, channels]) => ({ userId, channels }));
  };

  const tellOnce = async (
    kind: 'blocked' | 'held',
    guard: AccountGuard,
    userId: string,
    say: (owners: AccountOwner[]) => Promise<void>,
  ) => {
    const key = JSON.stringify([
      kind,
      guard.teamId,
      guard.accountId,
      kind === 'held' ? guard.refusals : guard.blockedAt,
    ]);
    if (told.has(key)) return;
    told.add(key);
    if (shared !== undefined) {
      const first = await shared.once.claim(`told:${key}`, TOLD_TTL_MS).catch((error: unknown) => {
        logger.warn('could not mark a block as told across instances; telling anyway', { error });
        return true;
      });
      if (!first) return;
    }
    try {
      await say(await ownersOf(guard.teamId, guard.accountId, userId));
    } catch (error) {
      logger.error('could not tell the people who remember an account', {
        teamId: guard.teamId,
        kind,
        error,
      });
    }
  };

  /**
   * Endicia checks the pass phrase before the amount, the card or the new phrase: those refusals mean it
   * was accepted, which resets Endicia's count too. Anything else leaves the count as it was.
   */
  const afterOtherFailure = (guard: AccountGuard, error: unknown): AccountGuard =>
    error instanceof EndiciaApiError && PASSED_AUTHENTICATION.has(error.category)
      ? afterAcceptance(guard, now())
      : { ...guard, updatedAt: now().toISOString() };

  const save = async (guard: AccountGuard, what: string): Promise<boolean> => {
    try {
      await deps.guards.put(guard);
      return true;
    } catch (error) {
      // Fail closed: the attempt written before the call stays, so the next reader counts a refusal.
      logger.error(`could not record ${what}; the account stays guarded as if refused`, {
        teamId: guard.teamId,
        error,
      });
      return false;
    }
  };

  /**
   * Marks the refused login itself — every owner's that holds the same phrase, or all of them when the
   * account itself was refused (suspended, closed) — so after someone else's fresh login reopens the
   * account, a login known to be refused stays unused until its owner logs in.
   */
  const markLogins = async (
    teamId: string,
    userIds: readonly string[],
    credentials: EndiciaCredentials,
    wholeAccount: boolean,
  ) => {
    for (const userId of userIds) {
      try {
        const saved = await deps.credentials.get(teamId, userId);
        if (
          saved?.accountId === credentials.accountId &&
          (wholeAccount || saved.passPhrase === credentials.passPhrase) &&
          saved.monitorBlockedAt === null
        ) {
          await deps.credentials.set(teamId, userId, { ...saved, monitorBlockedAt: now().toISOString() });
        }
      } catch (error) {
        logger.error('could not mark remembered credentials as refused', { teamId, userId, error });
      }
    }
  };

  /** Loads the guard for an unattended use; an unreadable guard or a newly settled attempt blocks. */
  const loadForUnattended = async (teamId: string, userId: string, accountId: string) => {
    let stored: AccountGuard | undefined;
    try {
      stored = await deps.guards.get(teamId, accountId);
    } catch (error) {
      logger.error('account guard unreadable; not using remembered logins for that account', {
        teamId,
        error,
      });
      return null;
    }
    const guard = settled(stored ?? freshGuard(teamId, accountId, now()));
    if (stored !== undefined && stored.attemptSince !== null && stored.blockedAt === null) {
      logger.warn('the outcome of an earlier try was never recorded; counted as a refusal', { teamId });
      await save(guard, 'an unrecorded try');
      await tellOnce('blocked', guard, userId, (owners) =>
        deps.notifier.accountBlocked(teamId, accountId, owners, 'unrecorded'),
      );
    }
    return guard;
  };

  const api: RememberedLogins = {
    read: (teamId, userId) => deps.credentials.get(teamId, userId),

    async reveal(teamId, userId, accountId) {
      const saved = await deps.credentials.get(teamId, userId);
      if (saved?.accountId !== accountId || saved.monitorBlockedAt !== null) return null;
      return (await api.blocked(teamId, accountId)) ? null : saved.passPhrase;
    },

    // Behind the account's lock, so an outcome still being recorded is seen.
    blocked: (teamId, accountId) =>
      afterwards(teamId, accountId, async () => {
        try {
          return !unattendedAllowed(await load(teamId, accountId));
        } catch {
          return true;
        }
      }).catch(() => true),

    async useRemembered<T>(
      teamId: string,
      userId: string,
      wanted: string | null,
      send: (credentials: EndiciaCredentials) => Promise<T>,
    ): Promise<RememberedUse<T>> {
      const first = await deps.credentials.get(teamId, userId);
      if (first === undefined || (wanted !== null && first.accountId !== wanted)) {
        return { kind: 'not-remembered' };
      }
      const accountId = first.accountId;
      // Unattended: nobody waits, so the outcome is recorded before the caller hears it.
      const gated = afterwards<RememberedUse<T>>(teamId, accountId, async () => {
        // Read again inside the lock: a refusal recorded while this waited must be seen.
        const saved = await deps.credentials.get(teamId, userId);
        if (saved === undefined || saved.accountId !== accountId) return { kind: 'not-remembered' };
        const guard =
          saved.monitorBlockedAt === null ? await loadForUnattended(teamId, userId, accountId) : null;
        if (guard === null || !unattendedAllowed(guard)) {
          logger.debug('remembered login not used: refused before', {
            teamId,
            userId,
            loginRefused: saved.monitorBlockedAt !== null,
            refusals: guard?.refusals ?? null,
          });
          return { kind: 'blocked', accountId };
        }
        const at = now().toISOString();
        try {
          await deps.guards.put({ ...guard, attemptSince: at, updatedAt: at });
        } catch (error) {
          logger.error('could not record a try before sending it; not sent', { teamId, error });
          return { kind: 'failed', accountId, error: new AttemptNotRecordedError(error) };
        }
        const credentials = { accountId, passPhrase: saved.passPhrase };
        try {
          const value = await send(credentials);
          await save(afterAcceptance(guard, now()), 'an accepted login');
          return { kind: 'ok', accountId, value };
        } catch (error) {
          if (!isCredentialRefusal(error)) {
            await save(afterOtherFailure(guard, error), 'a failed try');
            return { kind: 'failed', accountId, error };
          }
          const next = afterRefusal(guard, now(), true);
          logger.warn('Endicia refused a remembered login; unattended use of the account stops', {
            teamId,
            userId,
            status: error.status,
            refusals: next.refusals,
          });
          const wholeAccount = error.category === 'account-state';
          await save(next, 'a refusal');
          const owners = await ownersOf(teamId, accountId, userId);
          await markLogins(
            teamId,
            owners.map((owner) => owner.userId),
            credentials,
            wholeAccount,
          );
          await tellOnce('blocked', next, userId, () =>
            deps.notifier.accountBlocked(teamId, accountId, owners, 'refused'),
          );
          return { kind: 'failed', accountId, error };
        }
      });
      // The gate itself could not be had: nothing was sent.
      return gated.catch((error: unknown) => ({ kind: 'failed' as const, accountId, error }));
    },

    useTyped(teamId, userId, credentials, send) {
      const { accountId } = credentials;
      return afterwards(teamId, accountId, async (later) => {
        const guard = await load(teamId, accountId).catch((error: unknown) => {
          logger.error('account guard unreadable; not sending a typed pass phrase', { teamId, error });
          throw new AttemptNotRecordedError(error);
        });
        const hold = typedHold(guard, now());
        if (hold !== null) throw new TypedAttemptsHeldError(accountId, hold.until);
        const at = now().toISOString();
        await deps.guards.put({ ...guard, attemptSince: at, updatedAt: at }).catch((error: unknown) => {
          logger.error('could not record a try before sending it; not sent', { teamId, error });
          throw new AttemptNotRecordedError(error);
        });
        try {
          const value = await send();
          later(() => save(afterAcceptance(guard, now()), 'an accepted login'));
          return value;
        } catch (error) {
          if (!isCredentialRefusal(error)) {
            later(() => save(afterOtherFailure(guard, error), 'a failed try'));
            throw error;
          }
          const next = afterRefusal(guard, now(), false);
          logger.warn('Endicia refused a typed pass phrase', {
            teamId,
            userId,
            status: error.status,
            refusals: next.refusals,
          });
          const heldUntil = typedHold(next, now())?.until ?? null;
          later(async () => {
            await save(next, 'a refusal');
            await markLogins(teamId, [userId], credentials, false);
            if (next.refusals >= HOLD_AFTER) {
              await tellOnce('held', next, userId, (owners) =>
                deps.notifier.typingHeld(
                  teamId,
                  accountId,
                  owners.filter((owner) => owner.userId !== userId || owner.channels.length > 0),
                  heldUntil,
                ),
              );
            }
          });
          throw new CountedRefusalError(accountId, error, {
            refusals: next.refusals,
            triesLeft: triesLeft(next),
            heldUntil,
          });
        }
      });
    },

    drain: () => perAccount.idle(),
  };
  return api;
}
