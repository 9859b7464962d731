import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, openSqliteStore } from '../../src/store/index.ts';
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
