/**
 * The storage port: string keys to string values with an optional time to live. Everything above it
 * (encryption, records, indices) is backend-agnostic, so a Redis or PostgreSQL adapter only has to
 * implement this.
 *
 * Contract (pinned by test/store/helpers/kv-contract.ts):
 * - every backend failure rejects with a `StoreError` (never a silent `false` or `undefined`);
 * - an entry whose TTL has passed (checked against `Date.now()`) reads as absent;
 * - after `close()` every call rejects with `STORE_CLOSED`; `close()` itself is idempotent.
 */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  /** Writes (last write wins). `ttlMs` must be a positive integer when given. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Resolves `true` when an entry was there. */
  delete(key: string): Promise<boolean>;
  close(): Promise<void>;
  /**
   * The live keys starting with `prefix` (a workspace's records when it uninstalls the app). A scan:
   * for rare clean-ups, never on a request's path.
   */
  keys(prefix: string): Promise<string[]>;
  /**
   * Every stored value, for the start-up check that the configured keys open the store (the store has
   * no other scan). Backends that start empty every time (memory) may leave it out.
   */
  values?(): Promise<string[]>;
}
