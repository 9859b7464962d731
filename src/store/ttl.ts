import { StoreError } from './errors.ts';

/** Rejects a TTL every backend could not honour the same way (keyv treats 0 as "forever"). */
export function checkTtl(ttlMs: number | undefined): void {
  if (ttlMs === undefined) return;
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new StoreError('STORE_BAD_VALUE', 'a TTL must be a positive whole number of milliseconds');
  }
}
