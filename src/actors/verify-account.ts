import { fromPromise } from 'xstate';
import { EndiciaApiError } from '../endicia/index.ts';
import {
  type Credentials,
  FlowError,
  type VerifyAccountInput,
  type VerifyAccountOutput,
} from '../machine/index.ts';
import { toAccountView } from './account-view.ts';
import type { ActorDeps } from './deps.ts';
import { toFlowError } from './endicia-failure.ts';

const needPassPhrase = (message: string) =>
  new FlowError({
    kind: 'authentication',
    code: 'PASS_PHRASE_REQUIRED',
    message,
    field: 'passPhrase',
    retryable: true,
  });

/** Login = GetAccountStatus with the typed or the remembered pass phrase. */
export function verifyAccountActor(deps: ActorDeps) {
  return fromPromise<VerifyAccountOutput, VerifyAccountInput>(async ({ input, signal }) => {
    let credentials: Credentials;
    let remembered = false;
    if (input.passPhrase === null) {
      const saved = await deps.credentials.get(input.teamId, input.userId);
      if (saved === undefined || saved.accountId !== input.accountId) {
        throw needPassPhrase('Enter the pass phrase (none is remembered for this account number).');
      }
      if (saved.monitorBlockedAt !== null) {
        // NOTE: the remembered phrase already failed once; trying it again walks toward a suspension.
        throw needPassPhrase('Endicia refused the remembered pass phrase. Type the current pass phrase.');
      }
      credentials = { accountId: saved.accountId, passPhrase: saved.passPhrase };
      remembered = true;
    } else {
      credentials = { accountId: input.accountId, passPhrase: input.passPhrase };
    }

    try {
      const status = await deps.endicia.getAccountStatus(credentials, { signal });
      const at = deps.now();
      deps.onBalanceRead?.({
        teamId: input.teamId,
        accountId: status.accountId,
        balanceMils: status.balanceMils,
        at,
      });
      return { credentials, status: toAccountView(status, at) };
    } catch (error) {
      if (remembered && error instanceof EndiciaApiError && error.category === 'authentication') {
        await blockRemembered(deps, input.teamId, input.userId);
      }
      throw toFlowError(error);
    }
  });
}

/** Marks remembered credentials as refused so nothing unattended uses them again until a fresh login. */
export async function blockRemembered(
  deps: Pick<ActorDeps, 'credentials' | 'logger' | 'now'>,
  teamId: string,
  userId: string,
) {
  try {
    const saved = await deps.credentials.get(teamId, userId);
    if (saved && saved.monitorBlockedAt === null) {
      await deps.credentials.set(teamId, userId, { ...saved, monitorBlockedAt: deps.now().toISOString() });
    }
  } catch (error) {
    deps.logger.error('could not mark remembered credentials as refused', { teamId, userId, error });
  }
}
