import { fromPromise } from 'xstate';
import { FlowError, failure, type SaveRememberPreferenceInput } from '../machine/index.ts';
import type { ActorDeps } from './deps.ts';

/** After a successful login, as the desktop wizard does: remember (re-arming alerts) or forget. */
export function saveRememberPreferenceActor(deps: ActorDeps) {
  return fromPromise<void, SaveRememberPreferenceInput>(async ({ input }) => {
    try {
      if (input.remember) {
        await deps.credentials.set(input.teamId, input.userId, {
          accountId: input.credentials.accountId,
          passPhrase: input.credentials.passPhrase,
          savedAt: deps.now().toISOString(),
          monitorBlockedAt: null,
        });
      } else {
        // Unticked: forget what is remembered for *this* account only. A login to another account (say,
        // from a colleague's alert) must not silently erase the person's own remembered login.
        const saved = await deps.credentials.get(input.teamId, input.userId);
        if (saved?.accountId === input.credentials.accountId)
          await deps.credentials.delete(input.teamId, input.userId);
      }
    } catch (error) {
      deps.logger.error('could not save the remember preference', {
        teamId: input.teamId,
        userId: input.userId,
        error,
      });
      throw new FlowError(failure('REMEMBER_FAILED', { remember: input.remember }));
    }
  });
}
