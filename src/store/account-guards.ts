import { createHash } from 'node:crypto';
import type { EncryptedRecords } from './encrypted-records.ts';
import { StoreError } from './errors.ts';
import { AccountGuardSchema, checked } from './schemas.ts';
import type { AccountGuardStore } from './types.ts';

/**
 * Account guards at `account-guard:<team>:<digest of account>` (keys are stored in clear). A guard
 * that exists but cannot be read throws instead of reading as absent: absent means "never refused",
 * and guessing that wrong walks toward a suspension.
 */
export function createAccountGuardStore(records: EncryptedRecords): AccountGuardStore {
  const address = (teamId: string, accountId: string) => [teamId, digest(accountId)];
  return {
    async get(teamId, accountId) {
      const parts = address(teamId, accountId);
      const guard = await records.get('account-guard', parts, AccountGuardSchema);
      if (guard === undefined && (await records.exists('account-guard', parts))) {
        throw new StoreError('STORE_UNREADABLE', 'an account guard exists but cannot be read');
      }
      return guard;
    },
    put: async (guard) =>
      records.set(
        'account-guard',
        address(guard.teamId, guard.accountId),
        checked(AccountGuardSchema, guard, 'account guard'),
      ),
  };
}

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 22);
