export { STORE_ERROR_CODES, StoreError, type StoreErrorCode } from './errors.ts';
export { isEncryptionKeyList, KEY_FILE, type LoadKeyringOptions, loadKeyring } from './keyring.ts';
export { openSqliteStore, type SqliteStoreOptions } from './keyv-store.ts';
export type { KeyValueStore } from './kv.ts';
export { createMemoryStore } from './memory-store.ts';
export { openStore } from './open-store.ts';
export { type SealedText, sealedText } from './sealed-text.ts';
export { PURCHASE_LIST_LIMIT as PURCHASE_INDEX_LIMIT } from './sql/purchases.ts';
export { parseStoreUrl, type StoreLocation } from './store-url.ts';
export type {
  AccountGuard,
  AccountGuardStore,
  AlertStore,
  AlertSubscription,
  BalanceReadingStore,
  BalanceSource,
  CredentialStore,
  InstallationKey,
  InstallationStore,
  Lease,
  LeaseStore,
  OnceStore,
  OpenStoreOptions,
  PurchasePatch,
  PurchaseRecord,
  PurchaseState,
  PurchaseStore,
  RecoveredPurchase,
  RememberedCredentials,
  SessionStore,
  Store,
  StoredBalanceReading,
  WorkspaceInstallation,
} from './types.ts';
