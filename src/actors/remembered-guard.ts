import { createHash } from 'node:crypto';
import { createKeyedMutex } from '../lib/keyed-mutex.ts';

/**
 * Every use of a person's *remembered* pass phrase goes through here, because five refusals in a row
 * suspend the Endicia account:
 * - one use at a time per person, so a refusal is recorded before the next use reads the credentials
 *   (two `/postage balance` typed while Endicia is slow must not both try a stale phrase);
 * - an in-memory note of refused phrases, so even when recording the refusal in the store fails, the
 *   same phrase is not tried again by this process.
 */
export interface RememberedGuard {
  run<T>(teamId: string, userId: string, fn: () => Promise<T>): Promise<T>;
  refused(teamId: string, userId: string, passPhrase: string): boolean;
  noteRefused(teamId: string, userId: string, passPhrase: string): void;
  /**
   * Endicia just accepted this phrase (a fresh login): it is no longer refused. Without this, a phrase
   * refused once (say, while the account was suspended) stayed blocked until the process restarted,
   * although the person logged in again as the refusal message asks.
   */
  noteAccepted(teamId: string, userId: string, passPhrase: string): void;
}

export function createRememberedGuard(): RememberedGuard {
  const mutex = createKeyedMutex();
  // Digests, not phrases: nothing secret stays in memory longer than the request that used it.
  const refusedDigests = new Set<string>();
  const digest = (teamId: string, userId: string, passPhrase: string) =>
    createHash('sha256')
      .update(JSON.stringify([teamId, userId, passPhrase]))
      .digest('hex');
  return {
    run: (teamId, userId, fn) => mutex.run(JSON.stringify([teamId, userId]), fn),
    refused: (teamId, userId, passPhrase) => refusedDigests.has(digest(teamId, userId, passPhrase)),
    noteRefused: (teamId, userId, passPhrase) => {
      refusedDigests.add(digest(teamId, userId, passPhrase));
    },
    noteAccepted: (teamId, userId, passPhrase) => {
      refusedDigests.delete(digest(teamId, userId, passPhrase));
    },
  };
}
