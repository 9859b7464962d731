import KeyvPostgres from '@keyv/postgres';
import type pg from 'pg';
import { keyvKeyValueStore, NAMESPACE } from './keyv-store.ts';
import type { KeyValueStore } from './kv.ts';
import { DriverFailure, driverCode } from './sql/errors.ts';

/**
 * A {@link KeyValueStore} on @keyv/postgres, in the `keyv` table of `schema` (the migrations create
 * it), over the SQL store's own pool.
 *
 * NOTE: @keyv/postgres keeps ONE module-wide pool per URL and its `disconnect()` ends whichever pool
 * was made last, so two stores in one process (tests, several instances in one e2e run) would close
 * each other's connections. Its `connect()` is the seam it offers: ours hands it our pool instead, and
 * closing is left to the SQL store, which owns the pool.
 */
export function openPostgresKv(pool: pg.Pool, schema: string): KeyValueStore {
  class SharedPoolAdapter extends KeyvPostgres {
    override async connect() {
      return async (text: string, values?: unknown[]) => (await pool.query(text, values)).rows;
    }
    override async disconnect(): Promise<void> {}
  }
  const adapter = new SharedPoolAdapter({ schema, table: 'keyv' });
  // The adapter reports a failed CREATE TABLE (already done by the migrations) only as an event.
  adapter.on('error', () => undefined);
  return keyvKeyValueStore({
    adapter,
    scan: async () =>
      (
        await pool.query<{ value: string }>(`SELECT value FROM ${quoted(schema)}.keyv WHERE key LIKE $1`, [
          `${NAMESPACE}:%`,
        ])
      ).rows,
    scanKeys: async (pattern) =>
      (
        await pool.query<{ key: string; value: string }>(
          `SELECT key, value FROM ${quoted(schema)}.keyv WHERE key LIKE $1 ESCAPE '\\'`,
          [pattern],
        )
      ).rows,
    // pg's errors name the host, user and database: only the code travels.
    safeCause: (error) => new DriverFailure(driverCode(error)),
  });
}

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
