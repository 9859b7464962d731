import { fromPromise } from 'xstate';
import {
  type Credentials,
  FlowError,
  type VerifyAccountInput,
  type VerifyAccountOutput,
} from '../machine/index.ts';
import { toAccountView } from './account-view.ts';
import type { ActorDeps } from './deps.ts';
import { toFlowError } from './endicia-failure.ts';
import { blockRemembered, isRefusal, noteRefusal } from './refusal.ts';

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
  return fromPromise<VerifyAccountOutput, VerifyAccountInput>(({ input, signal }) =>
    input.passPhrase === null
      ? deps.remembered.run(input.teamId, input.userId, () => loginRemembered(deps, input, signal))
      : login(deps, input, { accountId: input.accountId, passPhrase: input.passPhrase }, signal),
  );
}

async function loginRemembered(deps: ActorDeps, input: VerifyAccountInput, signal: AbortSignal) {
  const saved = await deps.credentials.get(input.teamId, input.userId);
  if (saved === undefined || saved.accountId !== input.accountId) {
    throw needPassPhrase('Enter the pass phrase (none is remembered for this account number).');
  }
  if (
    saved.monitorBlockedAt !== null ||
    deps.remembered.refused(input.teamId, input.userId, saved.passPhrase)
  ) {
    // NOTE: the remembered phrase already failed once; trying it again walks toward a suspension.
    throw needPassPhrase('Endicia refused the remembered pass phrase. Type the current pass phrase.');
  }
  const credentials = { accountId: saved.accountId, passPhrase: saved.passPhrase };
  try {
    return await login(deps, input, credentials, signal);
  } catch (error) {
    if (
      error instanceof FlowError &&
      (error.failure.kind === 'authentication' || error.failure.kind === 'account-state')
    ) {
      deps.remembered.noteRefused(input.teamId, input.userId, saved.passPhrase);
      await blockRemembered(deps, input.teamId, input.userId);
    }
    throw error;
  }
}

async function login(
  deps: ActorDeps,
  input: VerifyAccountInput,
  credentials: Credentials,
  signal: AbortSignal,
): Promise<VerifyAccountOutput> {
  try {
    const status = await deps.endicia.getAccountStatus(credentials, { signal });
    deps.remembered.noteAccepted(input.teamId, input.userId, credentials.passPhrase);
    const at = deps.now();
    deps.onBalanceRead?.({
      teamId: input.teamId,
      accountId: status.accountId,
      balanceMils: status.balanceMils,
      at,
    });
    return { credentials, status: toAccountView(status, at) };
  } catch (error) {
    // A typed phrase that is also the remembered one: refused here means refused everywhere.
    if (isRefusal(error)) await noteRefusal(deps, input.teamId, input.userId, credentials.passPhrase);
    throw toFlowError(error);
  }
}
