import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';

/**
 * The machine's PostgreSQL (trust auth, user postgres, database `test`), or `POSTAGE_TEST_POSTGRES_URL`.
 * Tests never use it directly: each file makes its own database with {@link createTestDatabase}.
 */
export const POSTGRES_ADMIN_URL =
  process.env['POSTAGE_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether PostgreSQL answered when the test files were loaded. */
export const POSTGRES_AVAILABLE = await reachable();

/**
 * `describe` for tests that need PostgreSQL. Unreachable: skipped on a developer's machine, but under
 * `CI=true` the block holds one failing test instead, so CI never passes without having run them.
 */
export function describePostgres(name: string, body: () => void): void {
  if (POSTGRES_AVAILABLE) {
    describe(name, body);
  } else if (process.env['CI'] === 'true') {
    describe(name, () => {
      it('reaches PostgreSQL', () => {
        throw new Error('PostgreSQL is unreachable (CI=true: .ci/run starts it; tests must not skip)');
      });
    });
  } else {
    describe.skip(name, body);
  }
}

/** A fresh, empty database for one test file (or test), and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `postage_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** Empties every table of the store in `url` (keeps the schema and its migration record). */
export async function truncateStoreTables(url: string): Promise<void> {
  await withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%'`,
    );
    if (rows.length > 0) await client.query(`truncate ${rows.map((r) => `"${r.name}"`).join(', ')}`);
  });
}

/** Runs `fn` with a plain client on `url` (another session: what another process would see). */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const admin = <T>(fn: (client: pg.Client) => Promise<T>) => withClient(POSTGRES_ADMIN_URL, fn);

/**
 * A fresh database for the enclosing `describe` (made before its tests, dropped after them): call in
 * the describe body, read `.url` inside tests.
 */
export function useTestDatabase(): { readonly url: string } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get url() {
      if (database === undefined) throw new Error('useTestDatabase: read url inside a test');
      return database.url;
    },
  };
}
