import type { BalanceCheck } from '../machine/index.ts';
import type { ActorDeps } from './deps.ts';
import { endiciaFailure } from './endicia-failure.ts';
import { runwayOf } from './runway.ts';

/** GetAccountStatus with the caller's remembered credentials, through the never-lock gate. */
export async function checkBalance(deps: ActorDeps, teamId: string, userId: string): Promise<BalanceCheck> {
  const use = await deps.remembered.useRemembered(teamId, userId, null, (credentials) =>
    deps.endicia.getAccountStatus(credentials),
  );
  if (use.kind === 'not-remembered' || use.kind === 'blocked') return use;
  if (use.kind === 'failed')
    return { kind: 'failed', accountId: use.accountId, failure: endiciaFailure(use.error, use.accountId) };
  const status = use.value;
  const at = deps.now();
  deps.onBalanceRead?.({
    source: 'command',
    teamId,
    accountId: status.accountId,
    balanceMils: status.balanceMils,
    at,
  });
  return {
    kind: 'ok',
    accountId: status.accountId,
    balanceMils: status.balanceMils,
    accountStatus: status.accountStatus,
    runway: await runwayOf(deps, teamId, status.accountId, status.balanceMils, at),
  };
}
