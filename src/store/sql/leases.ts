import type { LeaseStore } from '../types.ts';
import type { SqlRunner } from './run.ts';

/**
 * Leases as a table. `acquire` is one statement — insert, or take over a row that expired or is
 * already ours — so of two instances at once exactly one gets the row (SQLite ≥ 3.35 and PostgreSQL
 * both run `INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING`). Expiry follows the injected clock.
 */
export function createSqlLeaseStore(sql: SqlRunner, now: () => Date): LeaseStore {
  return {
    acquire: (name, owner, ttlMs) =>
      sql.write('lease acquire', async (db) => {
        const at = now();
        const expiresAt = new Date(at.getTime() + ttlMs).toISOString();
        const row = await db
          .insertInto('leases')
          .values({ name, owner, expires_at: expiresAt })
          .onConflict((oc) =>
            oc
              .column('name')
              .doUpdateSet({ owner, expires_at: expiresAt })
              .where((eb) =>
                eb.or([eb('leases.expires_at', '<=', at.toISOString()), eb('leases.owner', '=', owner)]),
              ),
          )
          .returning('name')
          .executeTakeFirst();
        return row !== undefined;
      }),

    release: (name, owner) =>
      sql.write('lease release', async (db) => {
        await db.deleteFrom('leases').where('name', '=', name).where('owner', '=', owner).execute();
      }),

    holder: (name) =>
      sql.read('lease read', async (db) => {
        const row = await db
          .selectFrom('leases')
          .selectAll()
          .where('name', '=', name)
          .where('expires_at', '>', now().toISOString())
          .executeTakeFirst();
        return row === undefined
          ? undefined
          : { name: row.name, owner: row.owner, expiresAt: row.expires_at };
      }),
  };
}
