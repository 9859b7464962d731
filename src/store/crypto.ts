import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/** One AES-256 key and its id (first 8 hex digits of its SHA-256), which names it in envelopes. */
export interface KeyringKey {
  readonly id: string;
  /** A KeyObject, so printing a keyring (a log, a failed assertion) never shows key bytes. */
  readonly key: KeyObject;
}

/** Keys in rotation order: the first seals, every one opens. */
export interface Keyring {
  readonly primary: KeyringKey;
  readonly keys: ReadonlyMap<string, KeyringKey>;
}

/** Why an envelope did not open. Never carries any part of the envelope itself. */
export type OpenFailure = 'malformed' | 'unknown-key' | 'auth-failed';

export type OpenResult =
  | {
      ok: true;
      plaintext: string;
      keyId: string /** sealed with a key other than the primary */;
      stale: boolean;
    }
  | { ok: false; reason: OpenFailure; keyId?: string };

/** Builds a keyring from raw 32-byte keys (first = primary); duplicates collapse. */
export function createKeyring(rawKeys: readonly Uint8Array[]): Keyring {
  const keys = new Map<string, KeyringKey>();
  for (const raw of rawKeys) {
    if (raw.byteLength !== 32) throw new RangeError('an AES-256 key is exactly 32 bytes');
    const id = createHash('sha256').update(raw).digest('hex').slice(0, 8);
    if (!keys.has(id)) keys.set(id, { id, key: createSecretKey(raw) });
  }
  const primary = keys.values().next().value;
  if (!primary) throw new RangeError('a keyring needs at least one key');
  return { primary, keys };
}

/**
 * Encrypts `plaintext` with the primary key: AES-256-GCM, a fresh random 96-bit IV per call, `aad`
 * authenticated but not stored. Envelope: `v1.<keyId>.<base64(iv ‖ tag ‖ ciphertext)>`.
 */
export function seal(keyring: Keyring, plaintext: string, aad: string): string {
  const { id, key } = keyring.primary;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const blob = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  return `${VERSION}.${id}.${blob.toString('base64')}`;
}

const ENVELOPE = /^v1\.([0-9a-f]{8})\.([A-Za-z0-9+/]+={0,2})$/;

/**
 * Decrypts an envelope made by {@link seal}. Never throws: a tampered, truncated or foreign value,
 * an unknown key id or a different `aad` (the record was copied under another key) is a failure.
 */
export function open(keyring: Keyring, envelope: string, aad: string): OpenResult {
  const match = ENVELOPE.exec(envelope);
  const keyId = match?.[1];
  const body = match?.[2];
  if (keyId === undefined || body === undefined) return { ok: false, reason: 'malformed' };
  const entry = keyring.keys.get(keyId);
  if (!entry) return { ok: false, reason: 'unknown-key', keyId };
  const blob = Buffer.from(body, 'base64');
  if (blob.byteLength < IV_BYTES + TAG_BYTES) return { ok: false, reason: 'malformed', keyId };
  try {
    const decipher = createDecipheriv(ALGORITHM, entry.key, blob.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return { ok: true, plaintext: plaintext.toString('utf8'), keyId, stale: keyId !== keyring.primary.id };
  } catch {
    // GCM's only failure here is authentication: wrong key bytes, tampered data or another record's AAD.
    return { ok: false, reason: 'auth-failed', keyId };
  }
}
