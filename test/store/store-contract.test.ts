import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/lib/logger.ts';
import { openStore } from '../../src/store/index.ts';
import { describePostgres, truncateStoreTables, useTestDatabase } from '../helpers/postgres.ts';
import { KEY_A } from './helpers/fixtures.ts';
import { describeStoreContract } from './helpers/store-contract.ts';

describeStoreContract('memory://', async (now) => ({
  store: await openStore({ url: 'memory://', logger: silentLogger, now }),
}));

describeStoreContract('sqlite://:memory:', async (now) => ({
  store: await openStore({ url: 'sqlite://:memory:', encryptionKey: KEY_A, logger: silentLogger, now }),
}));

describeStoreContract('sqlite file', async (now) => {
  const dir = await mkdtemp(join(tmpdir(), 'postage-store-'));
  const url = `sqlite://${join(dir, 'data', 'postage.sqlite')}`;
  const store = await openStore({ url, encryptionKey: KEY_A, logger: silentLogger, now });
  return { store, dispose: () => rm(dir, { recursive: true, force: true }) };
});

describePostgres('PostgreSQL', () => {
  const database = useTestDatabase();

  describeStoreContract('postgres://', async (now) => ({
    store: await openStore({ url: database.url, encryptionKey: KEY_A, logger: silentLogger, now }),
    dispose: () => truncateStoreTables(database.url),
  }));
});
