import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { openStore, PURCHASE_INDEX_LIMIT } from '../../src/store/index.ts';
import { captureLogger, credentials, KEY_A, KEY_B, purchase } from './helpers/fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'postage-open-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('generates a key file next to a SQLite file with one warning', async () => {
    const { logger, records } = captureLogger();
    const store = await openStore({ url: `sqlite://${join(dir, 'd', 'p.sqlite')}`, logger });
    await store.close();
    expect((await readdir(join(dir, 'd'))).sort()).toEqual(['encryption.key', 'p.sqlite']);
    expect(records()).toEqual([expect.objectContaining({ level: 'warn', code: 'STORE_GENERATED_KEY' })]);
  });

  it('writes no key file and logs nothing for in-memory stores', async () => {
    const { logger, lines } = captureLogger();
    for (const url of ['memory://', 'sqlite://:memory:']) await (await openStore({ url, logger })).close();
    expect(lines).toEqual([]);
  });

  it('fails fast on a bad URL or key, before touching the disk', async () => {
    await expect(openStore({ url: 'redis://x', logger: silentLogger })).rejects.toMatchObject({
      code: 'STORE_BAD_URL',
    });
    const url = `sqlite://${join(dir, 'd', 'p.sqlite')}`;
    await expect(openStore({ url, encryptionKey: 'short', logger: silentLogger })).rejects.toMatchObject({
      code: 'STORE_BAD_KEY',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it(`indexes the newest ${PURCHASE_INDEX_LIMIT} purchases per user; older ones stay readable by id`, async () => {
    const store = await openStore({ url: 'memory://', encryptionKey: KEY_A, logger: silentLogger });
    for (let i = 0; i <= PURCHASE_INDEX_LIMIT; i++) {
      const createdAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      await store.purchases.begin(purchase({ requestId: `r${i}`, createdAt, updatedAt: createdAt }));
    }
    const listed = await store.purchases.listByUser('T1', 'U1', 10_000);
    expect(listed).toHaveLength(PURCHASE_INDEX_LIMIT);
    expect(listed[0]?.requestId).toBe(`r${PURCHASE_INDEX_LIMIT}`);
    expect(listed.at(-1)?.requestId).toBe('r1');
    expect(await store.purchases.get('r0')).toMatchObject({ requestId: 'r0' });
    await store.close();
  });

  describe('refuses to start on a store its keys cannot open', () => {
    const url = () => `sqlite://${join(dir, 'p.sqlite')}`;
    const seeded = async (encryptionKey: string) => {
      const store = await openStore({ url: url(), encryptionKey, logger: silentLogger });
      await store.credentials.set('T1', 'U1', credentials());
      await store.purchases.begin(purchase());
      await store.close();
    };

    it('a wrong POSTAGE_ENCRYPTION_KEY: refused, naming the problem (never a key), and nothing overwritten', async () => {
      await seeded(KEY_A);
      const before = await readFile(join(dir, 'p.sqlite'));
      const error = await openStore({ url: url(), encryptionKey: KEY_B, logger: silentLogger }).catch(
        (e) => e,
      );
      expect(error).toMatchObject({ code: 'STORE_WRONG_KEY' });
      expect(String(error.message)).toContain('POSTAGE_ENCRYPTION_KEY');
      expect(String(error.message)).not.toContain(KEY_A);
      expect(String(error.message)).not.toContain(KEY_B);
      expect((await readFile(join(dir, 'p.sqlite'))).equals(before)).toBe(true);
      // The right key still opens everything.
      const store = await openStore({ url: url(), encryptionKey: KEY_A, logger: silentLogger });
      expect(await store.credentials.get('T1', 'U1')).toEqual(credentials());
      await store.close();
    });

    it('a rolled-back rotation (records re-sealed with the new key, only the old one configured)', async () => {
      await seeded(KEY_A);
      const rotated = await openStore({
        url: url(),
        encryptionKey: `${KEY_B},${KEY_A}`,
        logger: silentLogger,
      });
      await rotated.credentials.set('T1', 'U2', credentials());
      await rotated.close();
      await expect(
        openStore({ url: url(), encryptionKey: KEY_A, logger: silentLogger }),
      ).rejects.toMatchObject({
        code: 'STORE_WRONG_KEY',
      });
      await (
        await openStore({ url: url(), encryptionKey: `${KEY_B},${KEY_A}`, logger: silentLogger })
      ).close();
    });

    it('a zero-byte database file is refused; a missing one is created', async () => {
      await writeFile(join(dir, 'p.sqlite'), '');
      const error = await openStore({ url: url(), encryptionKey: KEY_A, logger: silentLogger }).catch(
        (e) => e,
      );
      expect(error).toMatchObject({ code: 'STORE_OPEN_FAILED' });
      expect(String(error.message)).toContain('empty (0 bytes)');
      expect((await stat(join(dir, 'p.sqlite'))).size).toBe(0);

      await rm(join(dir, 'p.sqlite'));
      await (await openStore({ url: url(), encryptionKey: KEY_A, logger: silentLogger })).close();
      expect((await stat(join(dir, 'p.sqlite'))).size).toBeGreaterThan(0);
    });
  });
});
