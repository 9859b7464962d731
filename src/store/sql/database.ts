import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Logger } from '../../lib/logger.ts';
import { StoreError } from '../errors.ts';
import { driverCode, toStoreError } from './errors.ts';
import type { Database } from './schema.ts';
import { type SyncFile, walSync } from './wal-sync.ts';

/** Where the tables live: a SQLite file (or `:memory:`), or a PostgreSQL database. */
export type SqlLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface SqlDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  /** The PostgreSQL pool (shared with keyv's records), or null on SQLite. */
  readonly pool: pg.Pool | null;
  /**
   * Runs `fn` and resolves once its commits are synced to disk. Both backends commit everything else
   * without waiting for the disk (an app crash loses nothing; a power cut or a crash of the database
   * server may lose the last commits): a SQLite file waits for an fdatasync of its WAL off the event loop,
   * shared by every commit before it (wal-sync.ts; `:memory:` switches to `synchronous=FULL` around `fn`);
   * on PostgreSQL `fn` runs on the journal's own connections, where `synchronous_commit` is on (each of its
   * statements commits on its own, durably; `fn` opens a transaction if it needs one). `onCommitted` is called once
   * `fn`'s commits are visible to every connection, which on a SQLite file is before they are synced: a
   * lock that only orders writers (the spending lease) can be let go then, so the next claim need not
   * wait for this one's fsync and the two share one.
   */
  durably<T>(fn: (db: Kysely<Database>) => Promise<T>, onCommitted?: () => void): Promise<T>;
  /** Rejects with STORE_CLOSED after close(), so no call reaches a closed driver. */
  open(): void;
  close(): Promise<void>;
}

export interface OpenSqlOptions {
  /** PostgreSQL connections at most (`POSTAGE_STORE_POOL_SIZE`); SQLite has one. */
  poolSize: number;
  logger: Logger;
  /** How long a SQLite write waits for another process's lock (ms). */
  busyTimeoutMs?: number;
  /** How a SQLite file's WAL is flushed after a journal commit (tests count and fail the calls). */
  syncFile?: SyncFile;
}

/** Opens the database; nothing is queried yet (PostgreSQL connects on the first query). */
export async function openSqlDatabase(location: SqlLocation, options: OpenSqlOptions): Promise<SqlDatabase> {
  return location.kind === 'sqlite'
    ? openSqlite(location.path, options)
    : openPostgres(location.url, options);
}

function withLifecycle(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  pool: pg.Pool | null,
  durably: SqlDatabase['durably'],
): SqlDatabase {
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect,
    pool,
    durably,
    open() {
      if (closing) throw new StoreError('STORE_CLOSED', 'the store is closed');
    },
    close() {
      closing ??= db.destroy().catch((error: unknown) => {
        throw toStoreError(error, 'STORE_WRITE_FAILED', 'closing the SQL store');
      });
      return closing;
    },
  };
}

async function openSqlite(path: string, options: OpenSqlOptions): Promise<SqlDatabase> {
  let database: BetterSqlite3.Database;
  let wal = false;
  try {
    if (path !== ':memory:') await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    database = new BetterSqlite3(path, { timeout: options.busyTimeoutMs ?? 5_000 });
    if (path !== ':memory:') wal = database.pragma('journal_mode = WAL', { simple: true }) === 'wal';
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw toStoreError(error, 'STORE_OPEN_FAILED', 'opening the SQLite store');
  }
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new TransactionalSqliteAdapter(),
      createDriver: () => new ImmediateSqliteDriver({ database: withStatementCache(database) }),
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  if (wal) {
    // The journal's commits are synced off the event loop, together (see wal-sync.ts).
    const synced = walSync(path, options.syncFile);
    return withLifecycle(db, 'sqlite', null, async (fn, onCommitted) => {
      const result = await db.connection().execute(fn);
      onCommitted?.();
      await synced();
      return result;
    });
  }
  // Not in WAL mode (`:memory:`, or a file system without shared memory): FULL around the journal's writes.
  return withLifecycle(db, 'sqlite', null, async (fn, onCommitted) => {
    const result = await db.connection().execute(async (connection) => {
      await sql`pragma synchronous = FULL`.execute(connection);
      try {
        return await fn(connection);
      } finally {
        await sql`pragma synchronous = NORMAL`.execute(connection);
      }
    });
    onCommitted?.();
    return result;
  });
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing was a quarter of an alert write's time.
 * The bot's statements are a few dozen shapes (values are parameters), so a small cache holds them all.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = database.prepare(text);
        if (statements.size >= 500) statements.clear();
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: the write lock is taken up front (waiting up to the
 * busy timeout for another process), so a transaction that read first never fails to upgrade its lock.
 * It is what makes the migrations safe when two processes open one file at once.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite's DDL is transactional (Kysely's adapter says no to stay conservative): migrate in one transaction. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

const INT8 = 20;

async function openPostgres(url: string, options: OpenSqlOptions): Promise<SqlDatabase> {
  if (options.poolSize < 2) return openPostgresOnePool(url, options);
  // The journal's writes get connections of their own that always wait for the WAL flush: one round trip
  // per write instead of four (BEGIN, SET LOCAL, the write, COMMIT); issue 17's burst on PostgreSQL spent
  // a quarter of its CPU in the driver. A quarter of the pool size, taken from it (at least one).
  const journalConnections = Math.max(1, Math.floor(options.poolSize / 4));
  const pool = openPool(url, options.poolSize - journalConnections, options);
  const journalPool = openPool(url, journalConnections, options);
  // Set on every new connection before its first query (pg runs a client's queries in order), not in the
  // URL's `options`, which a URL may carry for its own settings (search_path).
  journalPool.on('connect', (client) => {
    // Fail closed: a connection that did not take the setting is closed, so no journal write runs on it.
    client.query('set synchronous_commit = on').catch(() => client.end().catch(() => undefined));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const journal = new Kysely<Database>({ dialect: new PostgresDialect({ pool: journalPool }) });
  const database = withLifecycle(db, 'postgres', pool, async (fn, onCommitted) => {
    const result = await fn(journal);
    onCommitted?.();
    return result;
  });
  return {
    ...database,
    open: () => database.open(),
    close: async () => {
      await Promise.all([database.close(), journal.destroy().catch(() => undefined)]);
    },
  };
}

/** A pool of one connection: the journal's writes are transactions there that switch the flush on. */
function openPostgresOnePool(url: string, options: OpenSqlOptions): SqlDatabase {
  const pool = openPool(url, 1, options);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return withLifecycle(db, 'postgres', pool, async (fn, onCommitted) => {
    const result = await db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = on`.execute(trx);
      return fn(trx);
    });
    onCommitted?.();
    return result;
  });
}

function openPool(url: string, max: number, options: OpenSqlOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // pg waits for a connection forever by default: an unreachable server would hang start-up and
    // every request instead of failing them.
    connectionTimeoutMillis: 5_000,
    // As on SQLite: everything but the journal commits without waiting for the WAL flush (an app crash
    // loses nothing; a crash of the database server may lose its last fraction of a second). Measured:
    // a commit that waits costs ~5 ms here, so 10,000 alert subscriptions took 93 s instead of ~20.
    // Visibility to other instances is unchanged: a commit is seen by every session at once. (An
    // `options` parameter in the URL replaces this.)
    options: '-c synchronous_commit=off',
    // Mils and counts are bigint columns; pg hands them over as strings unless told otherwise.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
    },
  });
  // An idle connection that dies (server restart, pg_terminate_backend) is reported here; unheard, the
  // event would crash the process. The pool drops it and connects anew on the next query.
  pool.on('error', (error) => {
    options.logger.warn('a PostgreSQL store connection was lost; the pool reconnects', {
      code: 'STORE_CONNECTION_LOST',
      driverCode: driverCode(error),
    });
  });
  // A connection can also die while checked out between two queries (pg then emits on the client, which
  // the pool only listens to while idle): swallowed here, the next query on it fails as a StoreError.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}
