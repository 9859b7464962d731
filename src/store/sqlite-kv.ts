import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors.ts';
import { NAMESPACE, parseRow } from './keyv-row.ts';
import type { KeyValueStore } from './kv.ts';
import { toStoreError } from './sql/errors.ts';
import { checkTtl } from './ttl.ts';

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Absolute path of the database file, or `':memory:'`. Its parent directory is created (mode 0700). */
  path: string;
  /** How long a write waits for another connection's lock before failing (ms). */
  busyTimeoutMs?: number;
  /**
   * SQLite's `synchronous` for this connection. FULL (the default) syncs every commit to disk; NORMAL, in
   * WAL mode, survives a crash of the app but may lose the last commits to a power cut or OS crash.
   */
  durability?: 'full' | 'normal';
}

/**
 * The encrypted records (remembered logins, wizard snapshots, installations) in the SQLite file, in the
 * table and row format `@keyv/sqlite` wrote (`keyv(key, value)`, `{"value":…,"expires":…}` under
 * `postage:`), so files written by earlier releases read unchanged.
 *
 * NOTE: on better-sqlite3, the library the tables use, not on @keyv/sqlite's `sqlite3`. Two SQLite
 * libraries in one process on one file do not see each other's POSIX locks (SQLite's "How To Corrupt
 * An SQLite Database File", §2.2.1): under a 200-person burst the journal read SQLITE_CORRUPT.
 * Synchronous, too: a record read is microseconds, with no thread-pool hop.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<KeyValueStore> {
  const { path } = options;
  if (path !== ':memory:') {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      throw new StoreError('STORE_OPEN_FAILED', 'cannot create the store directory', { cause: error });
    });
  }
  // SQLite would treat a zero-byte file as a new, empty database and the bot would start with no
  // remembered logins, history or alerts. A missing file is fine (it is created); an empty one is not —
  // unless it grows within moments: another instance starting at the same time has just created it.
  const size = path === ':memory:' ? null : await settledSize(path);
  if (size === 0) {
    throw new StoreError(
      'STORE_OPEN_FAILED',
      'the SQLite store file is empty (0 bytes), which is not a valid store: restore it from a backup, or delete it to start with an empty store',
    );
  }
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path, { timeout: options.busyTimeoutMs ?? 5_000 });
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.exec('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
  } catch (error) {
    throw toStoreError(error, 'STORE_OPEN_FAILED', 'opening the SQLite store');
  }
  const open = db;
  let closed = false;
  // Prepared on first use, so a table dropped under us fails the call (as a StoreError), not the open.
  const statements = new Map<string, BetterSqlite3.Statement>();
  const statement = (text: string) => {
    let prepared = statements.get(text);
    if (prepared === undefined) {
      prepared = open.prepare(text);
      statements.set(text, prepared);
    }
    return prepared;
  };
  const run = async <T>(
    code: 'STORE_READ_FAILED' | 'STORE_WRITE_FAILED',
    what: string,
    fn: () => T,
  ): Promise<T> => {
    if (closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
    try {
      return fn();
    } catch (error) {
      statements.clear();
      throw toStoreError(error, code, `store ${what}`);
    }
  };
  const read = (key: string): string | undefined =>
    (
      statement('SELECT value FROM keyv WHERE key = ?').get(`${NAMESPACE}:${key}`) as
        | { value: string }
        | undefined
    )?.value;

  return {
    get: (key) =>
      run('STORE_READ_FAILED', 'read', () => {
        const text = read(key);
        if (text === undefined) return undefined;
        const row = parseRow(text);
        if (row.expires !== undefined && row.expires <= Date.now()) {
          // As keyv did: an expired row is deleted by the read that finds it.
          statement('DELETE FROM keyv WHERE key = ?').run(`${NAMESPACE}:${key}`);
          return undefined;
        }
        return row.value;
      }),
    async set(key, value, ttlMs) {
      checkTtl(ttlMs);
      const row = ttlMs === undefined ? { value } : { value, expires: Date.now() + ttlMs };
      await run('STORE_WRITE_FAILED', 'write', () =>
        statement(
          'INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        ).run(`${NAMESPACE}:${key}`, JSON.stringify(row)),
      );
    },
    delete: (key) =>
      run(
        'STORE_WRITE_FAILED',
        'delete',
        () => statement('DELETE FROM keyv WHERE key = ?').run(`${NAMESPACE}:${key}`).changes > 0,
      ),
    values: () =>
      run('STORE_READ_FAILED', 'scan', () =>
        (
          statement(`SELECT value FROM keyv WHERE key LIKE '${NAMESPACE}:%'`).all() as Array<{
            value: string;
          }>
        ).map((row) => parseRow(row.value).value),
      ),
    keys: (prefix) =>
      run('STORE_READ_FAILED', 'scan', () => {
        // LIKE with an escape, so a `_` or `%` in an id matches only itself.
        const pattern = `${NAMESPACE}:${prefix}`.replace(/[\\%_]/g, (c) => `\\${c}`);
        const now = Date.now();
        const rows = statement(`SELECT key, value FROM keyv WHERE key LIKE ? ESCAPE '\\'`).all(
          `${pattern}%`,
        ) as Array<{
          key: string;
          value: string;
        }>;
        return rows
          .filter((row) => {
            const expires = parseRow(row.value).expires;
            return expires === undefined || expires > now;
          })
          .map((row) => row.key.slice(NAMESPACE.length + 1));
      }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        open.close();
      } catch (error) {
        throw toStoreError(error, 'STORE_WRITE_FAILED', 'closing the store');
      }
    },
  };
}

/** The file's size (null when missing), waiting up to ~2 s for a zero-byte file to be written. */
async function settledSize(path: string): Promise<number | null> {
  const sizeOf = () =>
    stat(path).then(
      (info) => info.size,
      () => null,
    );
  for (let waited = 0; waited < 2_000; waited += 100) {
    const size = await sizeOf();
    if (size !== 0) return size;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return sizeOf();
}
