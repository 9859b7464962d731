import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { KEY_FILE, loadKeyring } from '../../src/store/index.ts';
import { captureLogger, KEY_A, KEY_B } from './helpers/fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'postage-keyring-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadKeyring from POSTAGE_ENCRYPTION_KEY', () => {
  it('takes one key, or a list whose first entry encrypts', async () => {
    const one = await loadKeyring({ configured: KEY_A, dataDir: dir, logger: silentLogger });
    const two = await loadKeyring({
      configured: ` ${KEY_B} , ${KEY_A} `,
      dataDir: dir,
      logger: silentLogger,
    });
    expect(two.primary.id).not.toBe(one.primary.id);
    expect([...two.keys.keys()]).toEqual([two.primary.id, one.primary.id]);
  });

  it('accepts unpadded base64url too', async () => {
    const url = Buffer.alloc(32, 0xfb).toString('base64url');
    const ring = await loadKeyring({ configured: url, dataDir: dir, logger: silentLogger });
    const same = await loadKeyring({
      configured: Buffer.alloc(32, 0xfb).toString('base64'),
      dataDir: dir,
      logger: silentLogger,
    });
    expect(ring.primary.id).toBe(same.primary.id);
  });

  it.each([
    ['not base64 at all', 'correct horse battery staple <&>'],
    ['31 bytes', Buffer.alloc(31, 1).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
    ['an empty entry in a list', `${KEY_A},,${KEY_B}`],
    ['a bad second entry', `${KEY_A},${Buffer.alloc(16, 2).toString('base64')}`],
  ])('refuses %s, naming the variable but never the value', async (_, configured) => {
    const error = await loadKeyring({ configured, dataDir: dir, logger: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'STORE_BAD_KEY' });
    const text = `${String(error)} ${JSON.stringify(error)}`;
    expect(text).toContain('POSTAGE_ENCRYPTION_KEY');
    for (const part of configured.split(',')) if (part) expect(text).not.toContain(part);
  });

  it('names the position of the bad entry in a list', async () => {
    const configured = `${KEY_A},nope`;
    await expect(loadKeyring({ configured, dataDir: dir, logger: silentLogger })).rejects.toThrow(
      /entry 2 of 2/,
    );
  });
});

describe('loadKeyring without a configured key', () => {
  it('generates a key file with mode 0600, warns once, and reuses it on the next start', async () => {
    const { logger, records } = captureLogger();
    const dataDir = join(dir, 'data');
    const first = await loadKeyring({ dataDir, logger });
    const path = join(dataDir, KEY_FILE);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(records().filter((r) => r.level === 'warn')).toHaveLength(1);
    expect(records()[0]).toMatchObject({ code: 'STORE_GENERATED_KEY', path });

    const second = await loadKeyring({ dataDir, logger });
    expect(second.primary.id).toBe(first.primary.id);
    const text = (await readFile(path, 'utf8')).trim();
    expect(Buffer.from(text, 'base64')).toHaveLength(32);
    expect(JSON.stringify(records())).not.toContain(text);
  });

  it('treats an empty variable as not set', async () => {
    const ring = await loadKeyring({ configured: '  ', dataDir: dir, logger: silentLogger });
    expect((await stat(join(dir, KEY_FILE))).isFile()).toBe(true);
    expect(ring.keys.size).toBe(1);
  });

  it('refuses a corrupt key file, naming the file', async () => {
    await writeFile(join(dir, KEY_FILE), 'garbage\n', { mode: 0o600 });
    await expect(loadKeyring({ dataDir: dir, logger: silentLogger })).rejects.toMatchObject({
      code: 'STORE_BAD_KEY',
      message: expect.stringContaining(KEY_FILE),
    });
  });

  it('keeps a throwaway key in memory when there is no data directory', async () => {
    const { logger, lines } = captureLogger();
    const a = await loadKeyring({ dataDir: null, logger });
    const b = await loadKeyring({ dataDir: null, logger });
    expect(a.primary.id).not.toBe(b.primary.id);
    expect(lines).toEqual([]);
  });
});
