import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/lib/logger.ts';
import { createMemoryStore, openSqliteStore } from '../../src/store/index.ts';
import { openPostgresKv } from '../../src/store/keyv-postgres.ts';
import { openSqlDatabase } from '../../src/store/sql/database.ts';
import { migrate } from '../../src/store/sql/migrate.ts';
import { describePostgres, useTestDatabase } from '../helpers/postgres.ts';
import { describeKeyValueStoreContract } from './helpers/kv-contract.ts';

describeKeyValueStoreContract('memory', async () => ({ store: createMemoryStore() }));

describeKeyValueStoreContract('sqlite :memory:', async () => ({
  store: await openSqliteStore({ path: ':memory:' }),
}));

describeKeyValueStoreContract('sqlite file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postage-kv-'));
  const store = await openSqliteStore({ path: join(dir, 'nested', 'kv.sqlite') });
  return { store, dispose: () => rm(dir, { recursive: true, force: true }) };
});

describePostgres('PostgreSQL', () => {
  const database = useTestDatabase();
  describeKeyValueStoreContract('@keyv/postgres', async () => {
    const sql = await openSqlDatabase(
      { kind: 'postgres', url: database.url },
      { poolSize: 4, logger: silentLogger },
    );
    await migrate(sql, 'POSTAGE_STORE_URL');
    const pool = sql.pool;
    if (pool === null) throw new Error('a PostgreSQL database has a pool');
    return {
      store: openPostgresKv(pool, 'public'),
      dispose: async () => {
        await pool.query('truncate keyv');
        await sql.close();
      },
    };
  });
});
