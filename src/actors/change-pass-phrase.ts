import { fromPromise } from 'xstate';
import { EndiciaUnavailableError } from '../endicia/index.ts';
import { atField, type ChangePassPhraseInput, FlowError, failure } from '../machine/index.ts';
import type { ActorDeps } from './deps.ts';
import { toFlowError } from './endicia-failure.ts';

/** ChangePassPhrase; on success the user's remembered credentials for that account follow. */
export function changePassPhraseActor(deps: ActorDeps) {
  return fromPromise<void, ChangePassPhraseInput>(async ({ input }) => {
    const current = { accountId: input.accountId, passPhrase: input.currentPassPhrase };
    try {
      // ChangePassPhrase authenticates with the current phrase: it counts toward a suspension like a login.
      await deps.remembered.useTyped(input.teamId, input.userId, current, () =>
        deps.endicia.changePassPhrase(current, input.newPassPhrase),
      );
    } catch (error) {
      if (error instanceof EndiciaUnavailableError) {
        // The change may have been applied: guessing wrong either way costs a failed login, so say so.
        throw new FlowError(failure('PASS_PHRASE_CHANGE_UNANSWERED'));
      }
      const refused = toFlowError(error).failure;
      // On this form the phrase Endicia refuses is the current one.
      throw new FlowError(refused.field === 'passPhrase' ? atField(refused, 'currentPassPhrase') : refused);
    }
    try {
      const saved = await deps.credentials.get(input.teamId, input.userId);
      if (saved?.accountId === input.accountId) {
        await deps.credentials.set(input.teamId, input.userId, {
          ...saved,
          passPhrase: input.newPassPhrase,
          savedAt: deps.now().toISOString(),
          monitorBlockedAt: null,
        });
      }
    } catch (error) {
      deps.logger.error('pass phrase changed but remembered credentials not updated', {
        teamId: input.teamId,
        userId: input.userId,
        error,
      });
    }
  });
}
