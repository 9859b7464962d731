import { EndiciaApiError } from '../endicia/index.ts';
import type { ActorDeps } from './deps.ts';

/**
 * Endicia refused `passPhrase` for this person. If it is also their remembered phrase, nothing may use it
 * again (alerts, `/postage balance`, a blank-phrase login) until they log in afresh: noted in memory at
 * once, and in the store for the monitor and for other processes.
 */
export async function noteRefusal(
  deps: ActorDeps,
  teamId: string,
  userId: string,
  passPhrase: string,
): Promise<void> {
  deps.remembered.noteRefused(teamId, userId, passPhrase);
  const saved = await deps.credentials.get(teamId, userId).catch(() => undefined);
  if (saved?.passPhrase === passPhrase) await blockRemembered(deps, teamId, userId);
}

/** Endicia refused the credentials themselves (wrong phrase, unknown, suspended or closed account). */
export function isRefusal(error: unknown): boolean {
  return (
    error instanceof EndiciaApiError &&
    (error.category === 'authentication' || error.category === 'account-state')
  );
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
