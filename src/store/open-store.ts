import { createAccountGuardStore } from './account-guards.ts';
import { createAlertStore } from './alerts.ts';
import { createApprovalStore } from './approvals.ts';
import { createAuditStore } from './audit.ts';
import { createCredentialStore } from './credentials.ts';
import type { Keyring } from './crypto.ts';
import { createEncryptedRecords } from './encrypted-records.ts';
import { StoreError } from './errors.ts';
import { loadKeyring } from './keyring.ts';
import { openSqliteStore } from './keyv-store.ts';
import type { KeyValueStore } from './kv.ts';
import { createMemoryBalanceReadings, createMemoryLeases, createMemoryOnce } from './memory-coordination.ts';
import { createMemoryStore } from './memory-store.ts';
import { createPurchaseStore } from './purchases.ts';
import { createSessionStore } from './sessions.ts';
import { createSettingsStore } from './settings.ts';
import { parseStoreUrl } from './store-url.ts';
import type { OpenStoreOptions, Store } from './types.ts';

/**
 * Opens the store named by `url` with the keyring from `encryptionKey` (or a generated key file in
 * the data directory; an in-memory store gets a throwaway key). Every record is encrypted.
 *
 * @throws StoreError `STORE_BAD_URL`, `STORE_BAD_KEY`, `STORE_OPEN_FAILED` (also: a zero-byte file) or
 * `STORE_WRONG_KEY`, never echoing a value or a key.
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
  await checkKeysOpen(kv, keyring).catch(async (error: unknown) => {
    await kv.close().catch(() => undefined);
    if (journalKv !== kv) await journalKv.close().catch(() => undefined);
    throw error;
  });
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
    settings: createSettingsStore(records),
    approvals: createApprovalStore(records),
    audit: createAuditStore(records),
    leases: createMemoryLeases(now),
    once: createMemoryOnce(now),
    balanceReadings: createMemoryBalanceReadings(),
    ping: async () => {
      await kv.get('postage:ping');
    },
    close: async () => {
      await kv.close();
      if (journalKv !== kv) await journalKv.close();
    },
  };
}

/**
 * Refuses a store holding records sealed with a key the keyring does not have (a wrong
 * POSTAGE_ENCRYPTION_KEY, a rolled-back rotation, another key file). Started anyway, every such record
 * would read as absent and normal use would overwrite indices, history and alert state for good.
 */
async function checkKeysOpen(kv: KeyValueStore, keyring: Keyring): Promise<void> {
  const values = (await kv.values?.()) ?? [];
  const unknown = new Set<string>();
  for (const value of values) {
    const keyId = ENVELOPE.exec(value)?.[1];
    if (keyId !== undefined && !keyring.keys.has(keyId)) unknown.add(keyId);
  }
  if (unknown.size > 0) {
    throw new StoreError(
      'STORE_WRONG_KEY',
      `the store holds records that none of the configured encryption keys opens (${unknown.size} unknown key id${unknown.size === 1 ? '' : 's'}): set POSTAGE_ENCRYPTION_KEY to the key they were sealed with (a rotation lists the new key first, then the old one); nothing was changed`,
    );
  }
}

const ENVELOPE = /^v1\.([^.]+)\./;
