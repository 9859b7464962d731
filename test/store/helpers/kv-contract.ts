import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyValueStore } from '../../../src/store/index.ts';

/** A factory for a fresh store, and how to dispose of what it left behind (files). */
export type KeyValueStoreFactory = () => Promise<{ store: KeyValueStore; dispose?: () => Promise<void> }>;

/** The behaviour every {@link KeyValueStore} adapter must have (keyv's test-suite idea). */
export function describeKeyValueStoreContract(name: string, factory: KeyValueStoreFactory): void {
  describe(`KeyValueStore contract: ${name}`, () => {
    let store: KeyValueStore;
    let dispose: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, dispose } = await factory());
    });
    afterEach(async () => {
      vi.useRealTimers();
      await store.close();
      await dispose?.();
    });

    it('reads a missing key as undefined', async () => {
      expect(await store.get('missing')).toBeUndefined();
    });

    it('round-trips awkward keys and values exactly', async () => {
      const cases: [string, string][] = [
        ['plain', 'value'],
        ['with:colons:and spaces', ':starts with a colon'],
        ['unicode-ключ-🔑', ':base64:AAAA'],
        ['json', '{"value":"not really","expires":1}'],
        ['empty', ''],
        ['big', 'x'.repeat(100_000)],
      ];
      for (const [key, value] of cases) await store.set(key, value);
      for (const [key, value] of cases) expect(await store.get(key)).toBe(value);
    });

    it('overwrites: the last awaited write wins', async () => {
      await store.set('k', 'one');
      await store.set('k', 'two');
      expect(await store.get('k')).toBe('two');
    });

    it('deletes, saying whether something was there', async () => {
      await store.set('k', 'v');
      expect(await store.delete('k')).toBe(true);
      expect(await store.get('k')).toBeUndefined();
      expect(await store.delete('k')).toBe(false);
    });

    it('expires an entry after its TTL and keeps one without', async () => {
      vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
      await store.set('short', 'v', 60_000);
      await store.set('forever', 'v');
      vi.advanceTimersByTime(59_999);
      expect(await store.get('short')).toBe('v');
      vi.advanceTimersByTime(2);
      expect(await store.get('short')).toBeUndefined();
      vi.advanceTimersByTime(365 * 24 * 3_600_000);
      expect(await store.get('forever')).toBe('v');
    });

    it.each([0, -1, 1.5, Number.NaN])('rejects a TTL of %s', async (ttl) => {
      await expect(store.set('k', 'v', ttl)).rejects.toMatchObject({ code: 'STORE_BAD_VALUE' });
      expect(await store.get('k')).toBeUndefined();
    });

    it('lists the live keys under a prefix, with _ and % matching only themselves', async () => {
      vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
      await store.set('credentials:T_1:U1', 'a');
      await store.set('credentials:T_1:U2', 'b');
      await store.set('credentials:TX1:U1', 'c');
      await store.set('credentials:T%1:U1', 'd');
      await store.set('credentials:T_1:U3', 'e', 1_000);
      vi.advanceTimersByTime(1_001);
      expect((await store.keys('credentials:T_1:')).sort()).toEqual([
        'credentials:T_1:U1',
        'credentials:T_1:U2',
      ]);
      expect(await store.keys('credentials:T%')).toEqual(['credentials:T%1:U1']);
      expect(await store.keys('nothing:')).toEqual([]);
    });

    it('lands every one of many concurrent writes to different keys', async () => {
      const keys = Array.from({ length: 200 }, (_, i) => `key-${i}`);
      await Promise.all(keys.map((key) => store.set(key, `value of ${key}`)));
      const values = await Promise.all(keys.map((key) => store.get(key)));
      expect(values).toEqual(keys.map((key) => `value of ${key}`));
    });

    it('survives many concurrent writes to one key, keeping one of them', async () => {
      const written = Array.from({ length: 100 }, (_, i) => `v${i}`);
      await Promise.all(written.map((value) => store.set('same', value)));
      expect(written).toContain(await store.get('same'));
    });

    it('rejects every call after close with STORE_CLOSED, and closes twice quietly', async () => {
      await store.set('k', 'v');
      await store.close();
      await store.close();
      await expect(store.get('k')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.set('k', 'v')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.delete('k')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    });
  });
}
