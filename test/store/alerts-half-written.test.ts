import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { createAlertStore } from '../../src/store/alerts.ts';
import { createKeyring } from '../../src/store/crypto.ts';
import { createEncryptedRecords } from '../../src/store/encrypted-records.ts';
import { createMemoryStore, type KeyValueStore, StoreError } from '../../src/store/index.ts';
import { KEY_A, subscription } from './helpers/fixtures.ts';

/** A memory backend whose disk fills up after `writes` more writes. */
function fillingUp(writes: number): KeyValueStore {
  const kv = createMemoryStore();
  let left = writes;
  return {
    ...kv,
    async set(key, value, ttlMs) {
      if (left <= 0) throw new StoreError('STORE_WRITE_FAILED', 'store write failed (SQLITE_FULL)');
      left -= 1;
      return kv.set(key, value, ttlMs);
    },
  };
}

// A subscription the channel can see (`/postage alerts` reads it) must be one the sweep checks (the list).
describe('an alert subscription written when the disk fills up', () => {
  for (const writes of [0, 1, 2]) {
    it(`after ${writes} successful write(s): seen by both the channel and the sweep, or by neither`, async () => {
      const kv = fillingUp(writes);
      const records = createEncryptedRecords({
        kv,
        keyring: createKeyring([Buffer.from(KEY_A, 'base64')]),
        logger: silentLogger,
      });
      const alerts = createAlertStore(records);
      await expect(alerts.put(subscription())).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
      const shown = await alerts.get('T1', 'C1');
      const swept = (await alerts.list()).some((sub) => sub.channelId === 'C1');
      expect(shown === undefined).toBe(!swept);
    });
  }
});
