import { StoreError } from './errors.ts';
import type { KeyValueStore } from './kv.ts';
import { checkTtl } from './ttl.ts';

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

/**
 * A Map-backed {@link KeyValueStore} for tests and `memory://`. Not for production: everything is
 * lost on restart, including wizard sessions and the purchase records that prevent double charges.
 */
export function createMemoryStore(): KeyValueStore {
  const entries = new Map<string, Entry>();
  let closed = false;

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && Date.now() > entry.expiresAt) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const open = (): void => {
    if (closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
  };

  return {
    async get(key) {
      open();
      return live(key)?.value;
    },
    async set(key, value, ttlMs) {
      open();
      checkTtl(ttlMs);
      entries.set(key, { value, expiresAt: ttlMs === undefined ? undefined : Date.now() + ttlMs });
    },
    async delete(key) {
      open();
      const existed = live(key) !== undefined;
      entries.delete(key);
      return existed;
    },
    async keys(prefix) {
      open();
      return [...entries.keys()].filter((key) => key.startsWith(prefix) && live(key) !== undefined);
    },
    async close() {
      closed = true;
      entries.clear();
    },
  };
}
