import type { EncryptedRecords } from './encrypted-records.ts';
import { checked, RememberedCredentialsSchema } from './schemas.ts';
import type { CredentialStore } from './types.ts';

/**
 * Remembered credentials at `credentials:<team>:<user>`, sealed with that address as associated
 * data: another user, or the same user id in another workspace, gets `undefined` even with a copy
 * of the ciphertext.
 */
export function createCredentialStore(records: EncryptedRecords): CredentialStore {
  return {
    get: (teamId, userId) => records.get('credentials', [teamId, userId], RememberedCredentialsSchema),
    set: async (teamId, userId, value) =>
      records.set(
        'credentials',
        [teamId, userId],
        checked(RememberedCredentialsSchema, value, 'credentials'),
      ),
    delete: (teamId, userId) => records.delete('credentials', [teamId, userId]),
    deleteTeam: (teamId) => records.deleteAll('credentials', [teamId]),
  };
}
