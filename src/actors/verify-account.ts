import { fromPromise } from 'xstate';
import type { AccountStatus } from '../endicia/index.ts';
import {
  type Credentials,
  FlowError,
  failure,
  type VerifyAccountInput,
  type VerifyAccountOutput,
} from '../machine/index.ts';
import { toAccountView } from './account-view.ts';
import type { ActorDeps } from './deps.ts';
import { toFlowError } from './endicia-failure.ts';
import { runwayOf } from './runway.ts';

const needPassPhrase = (blocked: boolean) => new FlowError(failure('PASS_PHRASE_REQUIRED', { blocked }));

/** Login = GetAccountStatus with the typed or the remembered pass phrase, through the never-lock gate. */
export function verifyAccountActor(deps: ActorDeps) {
  return fromPromise<VerifyAccountOutput, VerifyAccountInput>(async ({ input, signal }) => {
    if (input.passPhrase === null) return loginRemembered(deps, input, signal);
    const credentials = { accountId: input.accountId, passPhrase: input.passPhrase };
    try {
      const status = await deps.remembered.useTyped(input.teamId, input.userId, credentials, () =>
        deps.endicia.getAccountStatus(credentials, { signal }),
      );
      return loggedIn(deps, input, credentials, status);
    } catch (error) {
      throw toFlowError(error);
    }
  });
}

async function loginRemembered(deps: ActorDeps, input: VerifyAccountInput, signal: AbortSignal) {
  let used: Credentials | null = null;
  const use = await deps.remembered.useRemembered(
    input.teamId,
    input.userId,
    input.accountId,
    (credentials) => {
      used = credentials;
      return deps.endicia.getAccountStatus(credentials, { signal });
    },
  );
  switch (use.kind) {
    case 'not-remembered':
      throw needPassPhrase(false);
    case 'blocked':
      // NOTE: a refusal stops the remembered phrase; trying it again walks toward a suspension.
      throw needPassPhrase(true);
    case 'failed':
      throw toFlowError(use.error);
    case 'ok':
      if (used === null) throw toFlowError(new Error('remembered login sent without credentials'));
      return await loggedIn(deps, input, used, use.value);
  }
}

async function loggedIn(
  deps: ActorDeps,
  input: VerifyAccountInput,
  credentials: Credentials,
  status: AccountStatus,
): Promise<VerifyAccountOutput> {
  const at = deps.now();
  deps.onBalanceRead?.({
    source: 'login',
    teamId: input.teamId,
    accountId: status.accountId,
    balanceMils: status.balanceMils,
    at,
  });
  const runway = await runwayOf(deps, input.teamId, status.accountId, status.balanceMils, at);
  return { credentials, status: { ...toAccountView(status, at), runway } };
}
