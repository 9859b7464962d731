import type { Kysely } from 'kysely';
import type { SqlDatabase } from './database.ts';
import { toStoreError } from './errors.ts';
import type { Database } from './schema.ts';

/** How every table store talks to the database: closed → STORE_CLOSED, driver failures → StoreError. */
export interface SqlRunner {
  read<T>(what: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  write<T>(what: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * A write whose commit is synced to disk before it resolves (the purchase journal). `onCommitted` runs
   * once the commit is visible, before the sync (see SqlDatabase.durably).
   */
  durableWrite<T>(
    what: string,
    fn: (db: Kysely<Database>) => Promise<T>,
    onCommitted?: () => void,
  ): Promise<T>;
}

export function createSqlRunner(database: SqlDatabase): SqlRunner {
  const guarded =
    (code: 'STORE_READ_FAILED' | 'STORE_WRITE_FAILED', durable: boolean) =>
    async <T>(
      what: string,
      fn: (db: Kysely<Database>) => Promise<T>,
      onCommitted?: () => void,
    ): Promise<T> => {
      database.open();
      try {
        return await (durable ? database.durably(fn, onCommitted) : fn(database.db));
      } catch (error) {
        throw toStoreError(error, code, `store ${what}`);
      }
    };
  return {
    read: guarded('STORE_READ_FAILED', false),
    write: guarded('STORE_WRITE_FAILED', false),
    durableWrite: guarded('STORE_WRITE_FAILED', true),
  };
}
