import type { EndiciaApiError } from '../endicia/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { CredentialStore } from '../store/index.ts';
import type { AccountGroup, OwnerLogin } from './groups.ts';
import type { AlertNotifier } from './types.ts';

export interface RefusalDeps {
  credentials: CredentialStore;
  notifier: AlertNotifier;
  logger: Logger;
  now: () => Date;
}

/** Endicia refusals that mean "these credentials must not be tried again unattended". */
export function isCredentialRefusal(error: EndiciaApiError): boolean {
  return error.category === 'authentication' || error.category === 'account-state';
}

/**
 * Never lock the account: after Endicia refused `used`, blocks every owner login that would be refused the
 * same way — the same pass phrase (a wrong phrase), or all of them when the account itself is refused
 * (suspended, closed) — and tells each newly blocked owner once. Returns how many were newly blocked.
 *
 * The wizard clears the block (a fresh login saves the credentials again with `monitorBlockedAt: null`),
 * after which the next sweep uses them again.
 */
export async function blockRefusedLogins(
  deps: RefusalDeps,
  group: AccountGroup,
  used: OwnerLogin,
  error: EndiciaApiError,
): Promise<number> {
  const wholeAccount = error.category === 'account-state';
  const affected = group.owners.filter(
    (owner) => wholeAccount || owner.credentials.passPhrase === used.credentials.passPhrase,
  );
  let blocked = 0;
  for (const owner of affected) {
    if (await blockOne(deps, group, owner, error)) blocked += 1;
  }
  return blocked;
}

async function blockOne(
  deps: RefusalDeps,
  group: AccountGroup,
  owner: OwnerLogin,
  error: EndiciaApiError,
): Promise<boolean> {
  const { teamId, accountId } = group;
  const fields = { teamId, userId: owner.userId, accountId, code: error.code, status: error.status };
  try {
    const current = await deps.credentials.get(teamId, owner.userId);
    // Only the login that was refused: one saved meanwhile (a new phrase, an already-set block) is left alone.
    if (
      current === undefined ||
      current.accountId !== accountId ||
      current.passPhrase !== owner.credentials.passPhrase ||
      current.monitorBlockedAt !== null
    ) {
      return false;
    }
    await deps.credentials.set(teamId, owner.userId, {
      ...current,
      monitorBlockedAt: deps.now().toISOString(),
    });
  } catch (storeError) {
    deps.logger.error('could not block refused remembered credentials', { ...fields, error: storeError });
    return false;
  }
  deps.logger.warn(
    'Endicia refused remembered credentials; monitoring stops until the owner logs in',
    fields,
  );
  const channels = group.subs.filter((sub) => sub.ownerUserId === owner.userId).map((sub) => sub.channelId);
  try {
    await deps.notifier.notifyCredentialsRefused({ teamId, userId: owner.userId }, accountId, channels);
  } catch (notifyError) {
    deps.logger.error('could not tell the owner their credentials were refused', {
      ...fields,
      error: notifyError,
    });
  }
  return true;
}
