import { z } from 'zod';
import type { EncryptedRecords } from './encrypted-records.ts';
import { StoreError } from './errors.ts';
import type { SessionStore } from './types.ts';

const Snapshot = z.unknown();

/** Wizard snapshots at `session:<id>`, encrypted (they may hold a typed pass phrase) and expiring after `ttlMs`. */
export function createSessionStore(records: EncryptedRecords): SessionStore {
  return {
    get: (sessionId) => records.get('session', [sessionId], Snapshot),
    set(sessionId, value, ttlMs) {
      if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
        return Promise.reject(
          new StoreError('STORE_BAD_VALUE', 'a session TTL must be a positive number of ms'),
        );
      }
      return records.set('session', [sessionId], value, ttlMs);
    },
    async delete(sessionId) {
      await records.delete('session', [sessionId]);
    },
    deleteTeam: (teamId) => records.deleteAll('session', [], `${teamId}.`),
  };
}
