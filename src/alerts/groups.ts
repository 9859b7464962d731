import type { AlertSubscription, RememberedCredentials } from '../store/index.ts';

/** An owner's remembered login for the group's account. */
export interface OwnerLogin {
  userId: string;
  credentials: RememberedCredentials;
}

/** Every subscription on one account of one workspace: one status call serves them all. */
export interface AccountGroup {
  teamId: string;
  accountId: string;
  subs: AlertSubscription[];
  /** Distinct owners remembering this account, in subscription order. */
  owners: OwnerLogin[];
}

/** Why a subscription cannot be checked with its owner's credentials. */
export type Ineligible = 'no-credentials' | 'other-account' | 'unreadable';

/**
 * Groups subscriptions by workspace and account, keeping only those whose owner still remembers that
 * account (a forgotten or switched login stops unattended use of it). Each owner's credentials are read
 * once; `onIneligible` hears about every subscription left out.
 */
export async function groupByAccount(
  subs: readonly AlertSubscription[],
  read: (teamId: string, userId: string) => Promise<RememberedCredentials | undefined>,
  onIneligible: (sub: AlertSubscription, why: Ineligible) => void,
): Promise<AccountGroup[]> {
  const logins = new Map<string, Promise<RememberedCredentials | undefined | 'unreadable'>>();
  const loginOf = (sub: AlertSubscription) => {
    const key = JSON.stringify([sub.teamId, sub.ownerUserId]);
    let login = logins.get(key);
    if (login === undefined) {
      login = read(sub.teamId, sub.ownerUserId).catch(() => 'unreadable' as const);
      logins.set(key, login);
    }
    return login;
  };

  const resolved = await Promise.all(subs.map(async (sub) => ({ sub, login: await loginOf(sub) })));
  const groups = new Map<string, AccountGroup>();
  for (const { sub, login } of resolved) {
    const usable = usableLogin(sub, login);
    if (typeof usable === 'string') {
      onIneligible(sub, usable);
      continue;
    }
    const key = JSON.stringify([sub.teamId, sub.accountId]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { teamId: sub.teamId, accountId: sub.accountId, subs: [], owners: [] };
      groups.set(key, group);
    }
    group.subs.push(sub);
    if (!group.owners.some((owner) => owner.userId === sub.ownerUserId)) {
      group.owners.push({ userId: sub.ownerUserId, credentials: usable });
    }
  }
  return [...groups.values()];
}

function usableLogin(
  sub: AlertSubscription,
  login: RememberedCredentials | undefined | 'unreadable',
): RememberedCredentials | Ineligible {
  if (login === 'unreadable') return 'unreadable';
  if (login === undefined) return 'no-credentials';
  return login.accountId === sub.accountId ? login : 'other-account';
}
