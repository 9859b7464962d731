import { createAlertStore } from './alerts.ts';
import { createCredentialStore } from './credentials.ts';
import { createEncryptedRecords } from './encrypted-records.ts';
import { loadKeyring } from './keyring.ts';
import { openSqliteStore } from './keyv-store.ts';
import type { KeyValueStore } from './kv.ts';
import { createMemoryStore } from './memory-store.ts';
import { createPurchaseStore } from './purchases.ts';
import { createSessionStore } from './sessions.ts';
import { parseStoreUrl } from './store-url.ts';
import type { OpenStoreOptions, Store } from './types.ts';

/**
 * Opens the store named by `url` with the keyring from `encryptionKey` (or a generated key file in
 * the data directory; an in-memory store gets a throwaway key). Every record is encrypted.
 *
 * @throws StoreError `STORE_BAD_URL`, `STORE_BAD_KEY` or `STORE_OPEN_FAILED`, never echoing a value.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const location = parseStoreUrl(options.url);
  const inMemory = location.kind === 'memory' || location.path === ':memory:';
  const keyring = await loadKeyring({
    configured: options.encryptionKey,
    dataDir: inMemory ? null : location.dataDir,
    logger: options.logger,
  });
  const kv: KeyValueStore =
    location.kind === 'memory' ? createMemoryStore() : await openSqliteStore({ path: location.path });
  const records = createEncryptedRecords({ kv, keyring, logger: options.logger });
  const now = options.now ?? (() => new Date());
  return {
    credentials: createCredentialStore(records),
    sessions: createSessionStore(records),
    alerts: createAlertStore(records),
    purchases: createPurchaseStore(records, now),
    close: () => kv.close(),
  };
}
