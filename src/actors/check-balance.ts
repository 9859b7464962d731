import type { Failure } from '../machine/index.ts';
import type { ActorDeps } from './deps.ts';
import { endiciaFailure } from './endicia-failure.ts';
import { blockRemembered, isRefusal } from './refusal.ts';

/** What `/postage balance` can say. */
export type BalanceCheck =
  | { kind: 'ok'; accountId: string; balanceMils: number; accountStatus: string }
  | { kind: 'not-remembered' }
  /** The remembered pass phrase was refused before: not tried again (five refusals suspend the account). */
  | { kind: 'blocked'; accountId: string }
  | { kind: 'failed'; accountId: string; failure: Failure };

/** GetAccountStatus with the caller's remembered credentials, never twice with a refused pass phrase. */
export async function checkBalance(deps: ActorDeps, teamId: string, userId: string): Promise<BalanceCheck> {
  return deps.remembered.run(teamId, userId, async () => {
    const saved = await deps.credentials.get(teamId, userId);
    if (saved === undefined) return { kind: 'not-remembered' };
    if (saved.monitorBlockedAt !== null || deps.remembered.refused(teamId, userId, saved.passPhrase)) {
      return { kind: 'blocked', accountId: saved.accountId };
    }
    try {
      const status = await deps.endicia.getAccountStatus({
        accountId: saved.accountId,
        passPhrase: saved.passPhrase,
      });
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
    } catch (error) {
      if (isRefusal(error)) {
        deps.remembered.noteRefused(teamId, userId, saved.passPhrase);
        await blockRemembered(deps, teamId, userId);
      }
      return { kind: 'failed', accountId: saved.accountId, failure: endiciaFailure(error) };
    }
  });
}
