import { StoreError } from '../errors.ts';
import { AccountGuardSchema, checked } from '../schemas.ts';
import type { AccountGuard, AccountGuardStore } from '../types.ts';
import type { SqlRunner } from './run.ts';
import type { AccountGuardsTable } from './schema.ts';

/**
 * Account guards as a table, one row per workspace and account. A row that breaks the guard's rules
 * throws instead of reading as absent: absent means "never refused", and guessing that wrong walks
 * toward a suspension.
 */
export function createSqlAccountGuardStore(sql: SqlRunner): AccountGuardStore {
  return {
    get: (teamId, accountId) =>
      sql.read('account guard read', async (db) => {
        const row = await db
          .selectFrom('account_guards')
          .selectAll()
          .where('team_id', '=', teamId)
          .where('account_id', '=', accountId)
          .executeTakeFirst();
        if (row === undefined) return undefined;
        const guard = AccountGuardSchema.safeParse({
          teamId: row.team_id,
          accountId: row.account_id,
          refusals: row.refusals,
          blockedAt: row.blocked_at,
          heldUntil: row.held_until,
          attemptSince: row.attempt_since,
          updatedAt: row.updated_at,
        } satisfies AccountGuard);
        if (!guard.success)
          throw new StoreError('STORE_UNREADABLE', 'an account guard exists but cannot be read');
        return guard.data;
      }),

    async put(value) {
      const { team_id, account_id, ...columns } = toGuardRow(
        checked(AccountGuardSchema, value, 'account guard'),
      );
      await sql.write('account guard write', (db) =>
        db
          .insertInto('account_guards')
          .values({ team_id, account_id, ...columns })
          .onConflict((oc) => oc.columns(['team_id', 'account_id']).doUpdateSet(columns))
          .execute(),
      );
    },
  };
}

/** A guard as its row (also what the legacy import writes). */
export function toGuardRow(guard: AccountGuard): AccountGuardsTable {
  return {
    team_id: guard.teamId,
    account_id: guard.accountId,
    refusals: guard.refusals,
    blocked_at: guard.blockedAt,
    held_until: guard.heldUntil,
    attempt_since: guard.attemptSince,
    updated_at: guard.updatedAt,
  };
}
