import { createAccountGuardStore } from './account-guards.ts';
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
  // NOTE: two connections to one file. The purchase journal — the one thing that stands between a
  // crash and a second charge — syncs every commit to disk; wizard pages, remembered logins and alert
  // state survive an app crash too but may lose their last second to a power cut, and do not pay an
  // fsync on every click (measured: the wizard's added latency p99 halves). Both connections append to
  // one WAL file, so each synced journal commit also makes everything written before it durable.
  const kv: KeyValueStore =
    location.kind === 'memory'
      ? createMemoryStore()
      : await openSqliteStore({ path: location.path, durability: 'normal' });
  const journalKv: KeyValueStore =
    location.kind === 'memory' || location.path === ':memory:'
      ? kv
      : await openSqliteStore({ path: location.path, durability: 'full' });
  const records = createEncryptedRecords({ kv, keyring, logger: options.logger });
  const journal =
    journalKv === kv ? records : createEncryptedRecords({ kv: journalKv, keyring, logger: options.logger });
  const now = options.now ?? (() => new Date());
  return {
    credentials: createCredentialStore(records),
    // NOTE: on the fast connection: a guard survives an app crash, which is what it is for; syncing
    // every try (two per login) pushed typed logins past the 3-second reply's budget for field errors.
    accountGuards: createAccountGuardStore(records),
    sessions: createSessionStore(records),
    alerts: createAlertStore(records),
    purchases: createPurchaseStore(journal, now, records),
    close: async () => {
      await kv.close();
      if (journalKv !== kv) await journalKv.close();
    },
  };
}
