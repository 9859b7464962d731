import type { OnceStore } from '../types.ts';
import type { SqlRunner } from './run.ts';

/**
 * Once-marks as a table: the first claim of a key inserts it; a later claim only takes over a mark
 * whose time has passed. One statement, so of several instances exactly one claims.
 */
export function createSqlOnceStore(sql: SqlRunner, now: () => Date): OnceStore {
  return {
    claim: (key, ttlMs) =>
      sql.write('once claim', async (db) => {
        const at = now();
        const expiresAt = new Date(at.getTime() + ttlMs).toISOString();
        const row = await db
          .insertInto('once_marks')
          .values({ key, expires_at: expiresAt })
          .onConflict((oc) =>
            oc
              .column('key')
              .doUpdateSet({ expires_at: expiresAt })
              .where('once_marks.expires_at', '<=', at.toISOString()),
          )
          .returning('key')
          .executeTakeFirst();
        return row !== undefined;
      }),
  };
}
