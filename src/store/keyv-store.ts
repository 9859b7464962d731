import Keyv, { type Deserialize, type KeyvStoreAdapter } from 'keyv';
import { StoreError } from './errors.ts';
import { NAMESPACE, parseRow } from './keyv-row.ts';
import type { KeyValueStore } from './kv.ts';
import { checkTtl } from './ttl.ts';

/** What {@link keyvKeyValueStore} wraps: a keyv adapter and how to read every row of our namespace. */
export interface KeyvBackend {
  adapter: KeyvStoreAdapter;
  scan(): Promise<Array<{ value: string }>>;
  /** The rows whose key matches the LIKE `pattern` (escape character `\\`). */
  scanKeys(pattern: string): Promise<Array<{ key: string; value: string }>>;
  /** What of a backend error may travel as a StoreError's cause (pg's carry connection data). */
  safeCause(error: unknown): unknown;
}

/**
 * A {@link KeyValueStore} on a keyv 5 adapter.
 *
 * NOTE: keyv 5 swallows backend errors by default (`set` resolves `false`, `get` resolves
 * `undefined`). `throwOnErrors` makes it throw; the 'error' listener keeps what it only emits as the
 * cause. Both become `StoreError`s.
 */
export function keyvKeyValueStore(backend: KeyvBackend): KeyValueStore {
  const keyv = new Keyv<string>({
    store: backend.adapter,
    namespace: NAMESPACE,
    throwOnErrors: true,
    serialize: (row) => JSON.stringify(row),
    // keyv types the deserializer as generic in the value; ours only ever stores strings.
    deserialize: parseRow as unknown as Deserialize,
  });
  let lastEmitted: unknown;
  keyv.on('error', (error: unknown) => {
    lastEmitted = error;
  });

  let closing: Promise<void> | undefined;
  const guard = async <T>(
    code: 'STORE_READ_FAILED' | 'STORE_WRITE_FAILED',
    what: string,
    run: () => Promise<T>,
  ): Promise<T> => {
    if (closing) throw new StoreError('STORE_CLOSED', 'the store is closed');
    try {
      return await run();
    } catch (error) {
      throw new StoreError(code, `store ${what} failed`, { cause: backend.safeCause(error) });
    }
  };

  return {
    get: (key) => guard('STORE_READ_FAILED', 'read', () => keyv.get(key)),
    async set(key, value, ttlMs) {
      checkTtl(ttlMs);
      await guard('STORE_WRITE_FAILED', 'write', async () => {
        if (!(await keyv.set(key, value, ttlMs)))
          throw lastEmitted ?? new Error('keyv reported a failed write');
      });
    },
    delete: (key) => guard('STORE_WRITE_FAILED', 'delete', () => keyv.delete(key)),
    values: () =>
      guard('STORE_READ_FAILED', 'scan', async () =>
        (await backend.scan()).map((row) => parseRow(row.value).value),
      ),
    keys: (prefix) =>
      guard('STORE_READ_FAILED', 'scan', async () => {
        // LIKE with an escape, so a `_` or `%` in an id matches only itself.
        const pattern = `${NAMESPACE}:${prefix}`.replace(/[\\%_]/g, (c) => `\\${c}`);
        const now = Date.now();
        return (await backend.scanKeys(`${pattern}%`))
          .filter((row) => {
            const expires = parseRow(row.value).expires;
            return expires === undefined || expires > now;
          })
          .map((row) => row.key.slice(NAMESPACE.length + 1));
      }),
    close() {
      closing ??= keyv.disconnect().catch((error: unknown) => {
        throw new StoreError('STORE_WRITE_FAILED', 'closing the store failed', {
          cause: backend.safeCause(error),
        });
      });
      return closing;
    },
  };
}
