import { Migrator } from 'kysely';
import { StoreError } from '../errors.ts';
import type { SqlDatabase } from './database.ts';
import { driverCode } from './errors.ts';
import { MIGRATIONS } from './migrations/index.ts';

/**
 * Brings the schema up to date, once, even when several instances start together: on PostgreSQL Kysely
 * holds an advisory lock and migrates in one transaction; on SQLite the migration transaction begins
 * IMMEDIATE, so a second process waits for the first and then finds nothing left to do.
 *
 * @returns the names of the migrations this call applied (empty when another instance did them).
 * @throws StoreError `STORE_OPEN_FAILED` naming the failed migration and the driver's code only.
 */
export async function migrate(database: SqlDatabase, where: string): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    throw new StoreError(
      'STORE_OPEN_FAILED',
      failed === undefined
        ? `cannot open the store named by ${where} (${driverCode(error)})`
        : `the store's schema migration ${failed} failed (${driverCode(error)}); nothing of it was applied`,
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
