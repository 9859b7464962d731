import { hostname } from 'node:os';
import { sql as rawSql } from 'kysely';
import { createCredentialStore } from './credentials.ts';
import type { Keyring } from './crypto.ts';
import { createEncryptedRecords } from './encrypted-records.ts';
import { StoreError, wrongKeyError } from './errors.ts';
import { createInstallationStore } from './installations.ts';
import { loadKeyring } from './keyring.ts';
import { openPostgresKv } from './keyv-postgres.ts';
import { openSqliteStore } from './keyv-store.ts';
import type { KeyValueStore } from './kv.ts';
import { importLegacyRecords } from './legacy/import.ts';
import { createMemoryStore } from './memory-store.ts';
import { createSessionStore } from './sessions.ts';
import { createSqlAccountGuardStore } from './sql/account-guards.ts';
import { createSqlAlertStore } from './sql/alerts.ts';
import { createSqlBalanceReadingStore } from './sql/balance-readings.ts';
import { openSqlDatabase, type SqlDatabase, type SqlLocation } from './sql/database.ts';
import { toStoreError } from './sql/errors.ts';
import { createSqlLeaseStore } from './sql/leases.ts';
import { migrate } from './sql/migrate.ts';
import { createSqlOnceStore } from './sql/once.ts';
import { createSqlPurchaseStore } from './sql/purchases.ts';
import { createSqlRunner } from './sql/run.ts';
import { parseStoreUrl, type StoreLocation } from './store-url.ts';
import type { OpenStoreOptions, Store } from './types.ts';

const VARIABLE = 'POSTAGE_STORE_URL';

/**
 * Opens the store named by `url`: the tables (purchase journal, alerts, guards, leases, once-marks,
 * balance readings) on SQLite or PostgreSQL, migrated to the latest schema, and the encrypted records
 * (remembered logins, wizard snapshots) in keyv beside them. `memory://` is SQLite in memory plus an
 * in-memory keyv: one code path for the tables on every backend.
 *
 * @throws StoreError `STORE_BAD_URL`, `STORE_BAD_KEY` (also: PostgreSQL without
 * POSTAGE_ENCRYPTION_KEY), `STORE_OPEN_FAILED` (also: a zero-byte file, an unreachable server) or
 * `STORE_WRONG_KEY`, never echoing a value, a key or the URL.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const location = parseStoreUrl(options.url);
  const inMemory = location.kind === 'memory' || (location.kind === 'sqlite' && location.path === ':memory:');
  if (location.kind === 'postgres' && !options.encryptionKey?.trim()) {
    // A key file generated next to one instance would be unknown to every other.
    throw new StoreError(
      'STORE_BAD_KEY',
      'POSTAGE_ENCRYPTION_KEY is required with a PostgreSQL store: every instance must seal and open records with the same keys',
    );
  }
  const keyring = await loadKeyring({
    configured: options.encryptionKey,
    dataDir: inMemory ? null : location.dataDir,
    logger: options.logger,
  });
  const now = options.now ?? (() => new Date());
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}`;

  const { kv, sql } = await openBackends(location, keyring, options);
  const records = createEncryptedRecords({ kv, keyring, logger: options.logger });
  const runner = createSqlRunner(sql);
  let closing: Promise<void> | undefined;
  return {
    instanceId,
    credentials: createCredentialStore(records),
    accountGuards: createSqlAccountGuardStore(runner),
    sessions: createSessionStore(records),
    alerts: createSqlAlertStore(runner),
    purchases: createSqlPurchaseStore(runner, now),
    leases: createSqlLeaseStore(runner, now),
    once: createSqlOnceStore(runner, now),
    balanceReadings: createSqlBalanceReadingStore(runner),
    installations: createInstallationStore(records),
    async ping() {
      await runner.read('ping', (db) => rawSql`select 1`.execute(db));
    },
    close() {
      closing ??= Promise.allSettled([kv.close(), sql.close()]).then(([a, b]) => {
        for (const result of [a, b]) if (result?.status === 'rejected') throw result.reason;
      });
      return closing;
    },
  };
}

/**
 * Opens keyv and the SQL tables in the order each backend needs: on SQLite the key check runs before
 * anything could write to an existing file; on PostgreSQL the migrations create keyv's table first.
 */
async function openBackends(
  location: StoreLocation,
  keyring: Keyring,
  options: OpenStoreOptions,
): Promise<{ kv: KeyValueStore; sql: SqlDatabase }> {
  const sqlOptions = { poolSize: options.poolSize ?? 10, logger: options.logger };
  if (location.kind === 'postgres') {
    const sql = await openSqlDatabase({ kind: 'postgres', url: location.url }, sqlOptions);
    try {
      await migrate(sql, VARIABLE);
      const schema = await sql.db
        .selectNoFrom((eb) => eb.fn<string>('current_schema').as('schema'))
        .executeTakeFirstOrThrow()
        .catch((error: unknown) => {
          throw toStoreError(error, 'STORE_OPEN_FAILED', `opening the store named by ${VARIABLE}`);
        });
      const kv = openPostgresKv(sql.pool as NonNullable<SqlDatabase['pool']>, schema.schema);
      await checkKeysOpen(kv, keyring);
      return { kv, sql };
    } catch (error) {
      await sql.close().catch(() => undefined);
      throw error;
    }
  }
  const kv: KeyValueStore =
    location.kind === 'memory'
      ? createMemoryStore()
      : await openSqliteStore({ path: location.path, durability: 'normal' });
  try {
    await checkKeysOpen(kv, keyring);
  } catch (error) {
    await kv.close().catch(() => undefined);
    throw error;
  }
  const where: SqlLocation = {
    kind: 'sqlite',
    path: location.kind === 'memory' ? ':memory:' : location.path,
  };
  let sql: SqlDatabase | undefined;
  try {
    sql = await openSqlDatabase(where, sqlOptions);
    await migrate(sql, VARIABLE);
    // A file written by the release before the tables: its records move into them, once.
    await importLegacyRecords(sql, keyring, options.logger, options.now ?? (() => new Date()));
    return { kv, sql };
  } catch (error) {
    await sql?.close().catch(() => undefined);
    await kv.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Refuses a store holding records sealed with a key the keyring does not have (a wrong
 * POSTAGE_ENCRYPTION_KEY, a rolled-back rotation, another key file). Started anyway, every such record
 * would read as absent and normal use would overwrite remembered logins for good.
 */
async function checkKeysOpen(kv: KeyValueStore, keyring: Keyring): Promise<void> {
  const values = (await kv.values?.()) ?? [];
  const unknown = new Set<string>();
  for (const value of values) {
    const keyId = ENVELOPE.exec(value)?.[1];
    if (keyId !== undefined && !keyring.keys.has(keyId)) unknown.add(keyId);
  }
  if (unknown.size > 0) throw wrongKeyError(unknown.size);
}

const ENVELOPE = /^v1\.([^.]+)\./;
