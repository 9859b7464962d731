import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { openSqlDatabase, type SqlDatabase } from '../../src/store/sql/database.ts';
import { migrate } from '../../src/store/sql/migrate.ts';
import { createSqlPurchaseStore } from '../../src/store/sql/purchases.ts';
import { createSqlRunner } from '../../src/store/sql/run.ts';
import { fdatasync } from '../../src/store/sql/wal-sync.ts';
import type { PurchaseStore } from '../../src/store/types.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres.ts';
import { purchase } from './helpers/fixtures.ts';

const CLAIM_CHILD = resolve(import.meta.dirname, 'helpers/claim-child.ts');

// The purchase journal's commits wait for the disk; everything else does not (see README "Durability").
// On a SQLite file the wait is an fdatasync of the WAL off the event loop, shared by the commits before it.
describe('SQLite: the journal waits for a sync of the WAL, shared by the writes of one tick', () => {
  let dir: string;
  const synced: string[] = [];
  let failNext = false;
  /** Counts every sync; the real fdatasync after, so the file is really flushed. */
  const spy = async (path: string) => {
    if (failNext) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    await fdatasync(path);
    synced.push(path);
  };
  const open = async (name: string) => {
    const database = await openSqlDatabase(
      { kind: 'sqlite', path: join(dir, name) },
      { poolSize: 1, logger: silentLogger, syncFile: spy },
    );
    await migrate(database, 'POSTAGE_ENCRYPTION_KEY');
    synced.length = 0;
    return database;
  };
  /** The journal on a fresh file (closed after `fn`). */
  const withJournal = async (fn: (journal: PurchaseStore, database: SqlDatabase) => Promise<void>) => {
    const database = await open('p.sqlite');
    try {
      await fn(
        createSqlPurchaseStore(createSqlRunner(database), () => new Date()),
        database,
      );
    } finally {
      await database.close();
    }
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'postage-durability-'));
    synced.length = 0;
    failNext = false;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves a journal write only after its WAL was synced; other writes sync nothing', async () => {
    await withJournal(async (journal, database) => {
      await sql`create table t (x integer)`.execute(database.db);
      await sql`insert into t values (1)`.execute(database.db);
      expect(synced).toEqual([]);
      const claimed = journal.begin(purchase({ requestId: 'a' }));
      expect(synced).toEqual([]);
      expect(await claimed).toEqual({ claimed: true });
      // The directory once (a new WAL's name must survive too), then the WAL.
      expect(synced).toEqual([dir, join(dir, 'p.sqlite-wal')]);
      await journal.update('a', { state: 'confirmed' });
      expect(synced).toEqual([dir, join(dir, 'p.sqlite-wal'), join(dir, 'p.sqlite-wal')]);
    });
  });

  it('100 claims in one tick: each claimed exactly once, all on disk, with a few syncs instead of 100', async () => {
    await withJournal(async (journal) => {
      const ids = Array.from({ length: 100 }, (_, i) => `r${i % 50}`);
      const results = await Promise.all(ids.map((requestId) => journal.begin(purchase({ requestId }))));
      expect(results.filter((r) => r.claimed)).toHaveLength(50);
      for (let i = 0; i < 50; i++) expect(await journal.get(`r${i}`)).toMatchObject({ state: 'pending' });
      const walSyncs = synced.filter((path) => path.endsWith('-wal')).length;
      expect(walSyncs).toBeGreaterThanOrEqual(1);
      expect(walSyncs).toBeLessThanOrEqual(3);
    });
  });

  it('a failed sync fails every write of its batch, and every journal write after it', async () => {
    await withJournal(async (journal) => {
      failNext = true;
      const batch = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => journal.begin(purchase({ requestId: `f${i}` }))),
      );
      for (const outcome of batch) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'STORE_WRITE_FAILED' });
      }
      // The disk may have lost what it could not flush (and the WAL's later frames with it): no durable
      // promise again until a restart.
      failNext = false;
      await expect(journal.begin(purchase({ requestId: 'later' }))).rejects.toMatchObject({
        code: 'STORE_WRITE_FAILED',
      });
    });
  });

  it('a WAL that is gone (checkpointed into the database and removed) needs no sync', async () => {
    const gone = await openSqlDatabase(
      { kind: 'sqlite', path: join(dir, 'gone.sqlite') },
      {
        poolSize: 1,
        logger: silentLogger,
        syncFile: async (path) => {
          if (path.endsWith('-wal'))
            throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
        },
      },
    );
    try {
      await migrate(gone, 'POSTAGE_ENCRYPTION_KEY');
      const journal = createSqlPurchaseStore(createSqlRunner(gone), () => new Date());
      expect(await journal.begin(purchase({ requestId: 'w' }))).toEqual({ claimed: true });
      expect(await journal.begin(purchase({ requestId: 'v' }))).toEqual({ claimed: true });
    } finally {
      await gone.close();
    }
  });

  it('two processes claiming the same ids at once: each id won exactly once, and on disk after both are killed', async () => {
    const path = join(dir, 'shared.sqlite');
    // Migrated first, as the app does before serving.
    const setup = await openSqlDatabase({ kind: 'sqlite', path }, { poolSize: 1, logger: silentLogger });
    await migrate(setup, 'POSTAGE_ENCRYPTION_KEY');
    await setup.close();
    const ids = Array.from({ length: 60 }, (_, i) => `x${i}`);
    const [a, b] = await Promise.all([claimInChild(path, ids), claimInChild(path, [...ids].reverse())]);
    expect([...a, ...b].sort()).toEqual([...ids].sort());
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    const after = await openSqlDatabase({ kind: 'sqlite', path }, { poolSize: 1, logger: silentLogger });
    try {
      const journal = createSqlPurchaseStore(createSqlRunner(after), () => new Date());
      for (const id of ids) expect(await journal.get(id)).toMatchObject({ requestId: id, state: 'pending' });
    } finally {
      await after.close();
    }
  }, 60_000);
});

/** Runs helpers/claim-child.ts on `path`; resolves the ids it won (it then kills itself). */
async function claimInChild(path: string, ids: string[]): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLAIM_CHILD], {
    env: { ...process.env, CLAIM_DB: path, CLAIM_IDS: ids.join(',') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const signal = await new Promise((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
  expect(signal).toBe('SIGKILL');
  return (JSON.parse(out.trim()) as { won: string[] }).won;
}

describePostgres('PostgreSQL: synchronous_commit on only for the journal', () => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: SqlDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase();
    database = await openSqlDatabase(
      { kind: 'postgres', url: fresh.url },
      { poolSize: 2, logger: silentLogger },
    );
  });
  afterAll(async () => {
    await database.close();
    await fresh.drop();
  });

  const setting = async (db: SqlDatabase['db']) =>
    (await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db)).rows[0]
      ?.synchronous_commit;

  it('is off for ordinary writes and on inside durably()', async () => {
    expect(await setting(database.db)).toBe('off');
    expect(await database.durably(setting)).toBe('on');
    expect(await setting(database.db)).toBe('off');
  });

  it('with a pool of one connection too (the journal then shares it)', async () => {
    const one = await openSqlDatabase(
      { kind: 'postgres', url: fresh.url },
      { poolSize: 1, logger: silentLogger },
    );
    try {
      expect(await setting(one.db)).toBe('off');
      expect(await one.durably(setting)).toBe('on');
      expect(await setting(one.db)).toBe('off');
    } finally {
      await one.close();
    }
  });

  it('is on for the journal even when the URL carries options of its own (they replace the pool’s)', async () => {
    const url = new URL(fresh.url);
    url.searchParams.set('options', '-c search_path=public');
    const own = await openSqlDatabase(
      { kind: 'postgres', url: url.toString() },
      { poolSize: 2, logger: silentLogger },
    );
    try {
      expect(await own.durably(setting)).toBe('on');
      // Many journal writes at once, more than its connections: each on a connection that took the setting.
      const all = await Promise.all(Array.from({ length: 8 }, () => own.durably(setting)));
      expect(new Set(all)).toEqual(new Set(['on']));
    } finally {
      await own.close();
    }
  });
});
