import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv, { type Deserialize, type KeyvStoreAdapter } from 'keyv';
import { StoreError } from './errors.ts';
import type { KeyValueStore } from './kv.ts';
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

interface Row {
  value: string;
  expires?: number;
}

/** keyv's key prefix for every record of ours (`postage:credentials:T1:U1`). */
export const NAMESPACE = 'postage';

/**
 * A {@link KeyValueStore} on keyv 5 + @keyv/sqlite 4 (PostgreSQL's is in keyv-postgres.ts; both share
 * {@link keyvKeyValueStore}).
 *
 * The database is opened eagerly, so a bad path fails at start-up (`STORE_OPEN_FAILED`), not at the
 * first purchase. The journal runs in WAL mode: readers never block the writer, and a second
 * connection waits up to `busyTimeoutMs` for the lock instead of failing with SQLITE_BUSY.
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
  const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: options.busyTimeoutMs ?? 5_000 });
  try {
    // Also settles the adapter's connection promise, which would otherwise reject unobserved.
    await adapter.query('PRAGMA journal_mode = WAL');
    await adapter.query(`PRAGMA synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  } catch (error) {
    throw new StoreError('STORE_OPEN_FAILED', 'cannot open the SQLite store', { cause: error });
  }
  return keyvKeyValueStore({
    adapter,
    scan: async () =>
      (await adapter.query(`SELECT value FROM keyv WHERE key LIKE '${NAMESPACE}:%'`)) as Array<{
        value: string;
      }>,
    scanKeys: async (pattern) =>
      (await adapter.query(`SELECT key, value FROM keyv WHERE key LIKE ? ESCAPE '\\'`, pattern)) as Array<{
        key: string;
        value: string;
      }>,
    safeCause: (error) => error,
  });
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

/** What {@link keyvKeyValueStore} wraps: a keyv adapter and how to read every row of our namespace. */
export interface KeyvBackend {
  adapter: KeyvStoreAdapter;
  scan(): Promise<Array<{ value: string }>>;
  /** The rows whose key matches the LIKE `pattern` (escape character `\\`). */
  scanKeys(pattern: string): Promise<Array<{ key: string; value: string }>>;
  /** What of a backend error may travel as a StoreError's cause (pg's carry connection data). */
  safeCause(error: unknown): unknown;
}

/**
 * A {@link KeyValueStore} on a keyv 5 adapter.
 *
 * NOTE: keyv 5 swallows backend errors by default (`set` resolves `false`, `get` resolves
 * `undefined`). `throwOnErrors` makes it throw; the 'error' listener keeps what it only emits as the
 * cause. Both become `StoreError`s.
 */
export function keyvKeyValueStore(backend: KeyvBackend): KeyValueStore {
  const keyv = new Keyv<string>({
    store: backend.adapter,
    namespace: NAMESPACE,
    throwOnErrors: true,
    serialize: (row) => JSON.stringify(row),
    // keyv types the deserializer as generic in the value; ours only ever stores strings.
    deserialize: parseRow as unknown as Deserialize,
  });
  let lastEmitted: unknown;
  keyv.on('error', (error: unknown) => {
    lastEmitted = error;
  });

  let closing: Promise<void> | undefined;
  const guard = async <T>(
    code: 'STORE_READ_FAILED' | 'STORE_WRITE_FAILED',
    what: string,
    run: () => Promise<T>,
  ): Promise<T> => {
    if (closing) throw new StoreError('STORE_CLOSED', 'the store is closed');
    try {
      return await run();
    } catch (error) {
      throw new StoreError(code, `store ${what} failed`, { cause: backend.safeCause(error) });
    }
  };

  return {
    get: (key) => guard('STORE_READ_FAILED', 'read', () => keyv.get(key)),
    async set(key, value, ttlMs) {
      checkTtl(ttlMs);
      await guard('STORE_WRITE_FAILED', 'write', async () => {
        if (!(await keyv.set(key, value, ttlMs)))
          throw lastEmitted ?? new Error('keyv reported a failed write');
      });
    },
    delete: (key) => guard('STORE_WRITE_FAILED', 'delete', () => keyv.delete(key)),
    values: () =>
      guard('STORE_READ_FAILED', 'scan', async () =>
        (await backend.scan()).map((row) => parseRow(row.value).value),
      ),
    keys: (prefix) =>
      guard('STORE_READ_FAILED', 'scan', async () => {
        // LIKE with an escape, so a `_` or `%` in an id matches only itself.
        const pattern = `${NAMESPACE}:${prefix}`.replace(/[\\%_]/g, (c) => `\\${c}`);
        const now = Date.now();
        return (await backend.scanKeys(`${pattern}%`))
          .filter((row) => {
            const expires = parseRow(row.value).expires;
            return expires === undefined || expires > now;
          })
          .map((row) => row.key.slice(NAMESPACE.length + 1));
      }),
    close() {
      closing ??= keyv.disconnect().catch((error: unknown) => {
        throw new StoreError('STORE_WRITE_FAILED', 'closing the store failed', {
          cause: backend.safeCause(error),
        });
      });
      return closing;
    },
  };
}

/**
 * keyv's row format, `{"value": …, "expires": …}`. A row that is not (hand-edited, truncated) is
 * handed up as its raw text: the layer above fails to open it and treats it as absent, rather than
 * every read of that key failing.
 */
function parseRow(text: string): Row {
  try {
    const row: unknown = JSON.parse(text);
    if (typeof row === 'object' && row !== null && 'value' in row && typeof row.value === 'string') {
      const expires = 'expires' in row ? row.expires : undefined;
      if (typeof expires === 'number') return { value: row.value, expires };
      if (expires === undefined || expires === null) return { value: row.value };
    }
  } catch {
    // fall through: not keyv's format
  }
  return { value: text };
}
