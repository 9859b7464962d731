import type { Failure } from '../machine/index.ts';
import type { ActorDeps } from './deps.ts';
import { endiciaFailure } from './endicia-failure.ts';

/** What `/postage balance` can say. */
export type BalanceCheck =
  | { kind: 'ok'; accountId: string; balanceMils: number; accountStatus: string }
  | { kind: 'not-remembered' }
  /** A pass phrase for this account was refused before: not tried again (five refusals suspend the account). */
  | { kind: 'blocked'; accountId: string }
  | { kind: 'failed'; accountId: string; failure: Failure }
  /** The store could not be read (the bot's side; nothing was sent). */
  | { kind: 'store-failed' };

/** GetAccountStatus with the caller's remembered credentials, through the never-lock gate. */
export async function checkBalance(deps: ActorDeps, teamId: string, userId: string): Promise<BalanceCheck> {
  const use = await deps.remembered.useRemembered(teamId, userId, null, (credentials) =>
    deps.endicia.getAccountStatus(credentials),
  );
  if (use.kind === 'not-remembered' || use.kind === 'blocked') return use;
  if (use.kind === 'failed')
    return { kind: 'failed', accountId: use.accountId, failure: endiciaFailure(use.error, use.accountId) };
  const status = use.value;
  deps.onBalanceRead?.({
    teamId,
    accountId: status.accountId,
    balanceMils: status.balanceMils,
    at: deps.now(),
  });
  return {
    kind: 'ok',
    accountId: status.accountId,
    balanceMils: status.balanceMils,
    accountStatus: status.accountStatus,
  };
}
