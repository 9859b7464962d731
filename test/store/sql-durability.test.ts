import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { openSqlDatabase, type SqlDatabase } from '../../src/store/sql/database.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres.ts';

// The purchase journal's commits wait for the disk; everything else does not (see README "Durability").
describe('SQLite: synchronous=FULL only around the journal', () => {
  let dir: string;
  let database: SqlDatabase;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'postage-durability-'));
    database = await openSqlDatabase(
      { kind: 'sqlite', path: join(dir, 'p.sqlite') },
      { poolSize: 1, logger: silentLogger },
    );
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  const level = async (db: SqlDatabase['db']) =>
    (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous;

  it('is NORMAL (1) outside and FULL (2) inside durably(), and NORMAL again after, even when it throws', async () => {
    expect(await level(database.db)).toBe(1);
    expect(await database.durably(level)).toBe(2);
    await expect(database.durably(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await level(database.db)).toBe(1);
  });
});

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
});
