import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../lib/logger.ts';
import { createKeyring, type Keyring } from './crypto.ts';
import { StoreError } from './errors.ts';

/** Options of {@link loadKeyring}. */
export interface LoadKeyringOptions {
  /** The raw `POSTAGE_ENCRYPTION_KEY`: base64 of 32 bytes, or a comma-separated list (first encrypts). */
  configured?: string | undefined;
  /** Where `encryption.key` is read or generated when nothing is configured; `null` = keep a throwaway key in memory. */
  dataDir: string | null;
  logger: Logger;
}

const VARIABLE = 'POSTAGE_ENCRYPTION_KEY';
export const KEY_FILE = 'encryption.key';
const BASE64_32 = /^(?:[A-Za-z0-9+/]{43}=|[A-Za-z0-9_-]{43})$/;

/** True when `text` is a valid POSTAGE_ENCRYPTION_KEY: comma-separated base64 of exactly 32 bytes each. */
export function isEncryptionKeyList(text: string): boolean {
  return text.split(',').every((entry) => BASE64_32.test(entry.trim()));
}

/**
 * The keyring for this process.
 *
 * - `configured` set: every comma-separated entry must be base64 of exactly 32 bytes.
 * - otherwise: `<dataDir>/encryption.key` is read, or generated (mode 0600) with a warning. A key
 *   stored next to the data protects against a copied database, not a copied data directory.
 *
 * @throws StoreError `STORE_BAD_KEY` naming the variable or file and the entry's position, never a value.
 */
export async function loadKeyring(options: LoadKeyringOptions): Promise<Keyring> {
  const configured = options.configured?.trim();
  if (configured) return createKeyring(parseKeyList(configured, VARIABLE));
  if (options.dataDir === null) return createKeyring([randomBytes(32)]);

  const path = join(options.dataDir, KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing !== undefined) {
    const keyring = createKeyring(parseKeyList(existing, path));
    options.logger.warn(`${VARIABLE} is not set; using the key generated earlier`, {
      code: 'STORE_GENERATED_KEY',
      path,
    });
    return keyring;
  }
  try {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    // 'wx': if another process generated one meanwhile, keep theirs rather than overwrite it.
    await writeFile(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StoreError('STORE_BAD_KEY', `cannot write the generated key file ${path}`, { cause: error });
    }
  }
  const keyring = createKeyring(parseKeyList((await readKeyFile(path)) ?? '', path));
  options.logger.warn(`${VARIABLE} is not set; generated a key (mode 0600). Back it up or set ${VARIABLE}`, {
    code: 'STORE_GENERATED_KEY',
    path,
  });
  return keyring;
}

async function readKeyFile(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError('STORE_BAD_KEY', `cannot read the key file ${path}`, { cause: error });
  }
}

/** Splits and validates a key list; `source` names it in errors (a variable or a file, never the value). */
export function parseKeyList(text: string, source: string): Buffer[] {
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.map((entry, index) => {
    const key = BASE64_32.test(entry)
      ? Buffer.from(entry, entry.endsWith('=') ? 'base64' : 'base64url')
      : undefined;
    if (key?.byteLength !== 32) {
      const which = entries.length > 1 ? ` (entry ${index + 1} of ${entries.length})` : '';
      throw new StoreError('STORE_BAD_KEY', `${source}${which} must be base64 of exactly 32 bytes`);
    }
    return key;
  });
}
