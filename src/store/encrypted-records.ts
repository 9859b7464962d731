import { createHash } from 'node:crypto';
import { z } from 'zod';
import { createKeyedMutex } from '../lib/keyed-mutex.ts';
import type { Logger } from '../lib/logger.ts';
import { type Keyring, type OpenFailure, open, seal } from './crypto.ts';
import { StoreError } from './errors.ts';
import type { KeyValueStore } from './kv.ts';

/** Every kind of record the store keeps; part of each record's key and of its associated data. */
export type RecordKind =
  | 'credentials'
  | 'session'
  | 'alert'
  | 'alert-index'
  | 'purchase'
  | 'purchase-index'
  | 'account-guard'
  | 'installation';

/**
 * Typed, encrypted records over a {@link KeyValueStore}. A record is addressed by its kind and id
 * parts (e.g. `credentials`, `[teamId, userId]`); its key and AES-GCM associated data both derive
 * from them, so a ciphertext copied under another address does not open.
 */
export interface EncryptedRecords {
  /**
   * The record, or `undefined` when absent, expired or unreadable (tampered, unknown key, another
   * address's ciphertext, not matching `schema`). Unreadable records are logged once per key, without
   * contents. A record sealed with an older key is re-sealed with the primary one.
   * @throws StoreError when the backend fails.
   */
  get<T>(kind: RecordKind, parts: readonly string[], schema: z.ZodType<T>): Promise<T | undefined>;
  /** @throws StoreError `STORE_BAD_VALUE` for values JSON cannot hold, or when the backend fails. */
  set(kind: RecordKind, parts: readonly string[], value: unknown, ttlMs?: number): Promise<void>;
  delete(kind: RecordKind, parts: readonly string[]): Promise<boolean>;
  /**
   * Deletes every record of `kind` whose ids begin with the whole parts `leading`, then a part starting
   * with `partial` (a workspace's records when it uninstalls the app). Resolves how many were deleted.
   */
  deleteAll(kind: RecordKind, leading: readonly string[], partial?: string): Promise<number>;
  /** Whether anything is stored at the address, readable or not. */
  exists(kind: RecordKind, parts: readonly string[]): Promise<boolean>;
}

export interface EncryptedRecordsOptions {
  kv: KeyValueStore;
  keyring: Keyring;
  logger: Logger;
}

/** The plaintext inside every envelope: the value and its absolute expiry, kept for re-sealing. */
const Payload = z.object({ v: z.unknown(), exp: z.number().nullable() });

type Unreadable = OpenFailure | 'bad-payload' | 'bad-shape';

/** Address → storage key; components are URI-encoded so `a:b`+`c` never collides with `a`+`b:c`. */
export function recordKey(kind: RecordKind, parts: readonly string[]): string {
  if (parts.length === 0 || parts.some((part) => part === '')) {
    throw new StoreError('STORE_BAD_VALUE', `a ${kind} record needs non-empty ids`);
  }
  return `${kind}:${parts.map(encodeURIComponent).join(':')}`;
}

const associatedData = (key: string): string => `postage-record/v1|${key}`;

export function createEncryptedRecords(options: EncryptedRecordsOptions): EncryptedRecords {
  const { kv, keyring, logger } = options;
  // set/delete/re-seal of one key never interleave, so a re-seal cannot undo a newer write.
  const writes = createKeyedMutex();
  const reported = new Set<string>();

  const report = (key: string, kind: RecordKind, reason: Unreadable, keyId?: string): undefined => {
    if (reported.has(key)) return undefined;
    if (reported.size >= 10_000) reported.clear();
    reported.add(key);
    logger.warn('stored record is unreadable; treating it as absent', {
      code: 'STORE_RECORD_UNREADABLE',
      kind,
      reason,
      // A digest, not the key: session ids are bearer-like.
      record: createHash('sha256').update(key).digest('hex').slice(0, 12),
      ...(keyId === undefined ? {} : { keyId }),
    });
    return undefined;
  };

  const reseal = (key: string, kind: RecordKind, envelope: string, payload: string, exp: number | null) =>
    writes.run(key, async () => {
      const ttlMs = exp === null ? undefined : exp - Date.now();
      if (ttlMs !== undefined && ttlMs <= 0) return;
      if ((await kv.get(key)) !== envelope) return;
      await kv.set(key, seal(keyring, payload, associatedData(key)), ttlMs);
      logger.info('re-sealed a record with the primary key', { code: 'STORE_RECORD_RESEALED', kind });
    });

  return {
    async get(kind, parts, schema) {
      const key = recordKey(kind, parts);
      const envelope = await kv.get(key);
      if (envelope === undefined) return undefined;
      const opened = open(keyring, envelope, associatedData(key));
      if (!opened.ok) return report(key, kind, opened.reason, opened.keyId);
      const payload = Payload.safeParse(parseJson(opened.plaintext));
      if (!payload.success) return report(key, kind, 'bad-payload', opened.keyId);
      const { v, exp } = payload.data;
      if (exp !== null && Date.now() > exp) return undefined;
      const value = schema.safeParse(v);
      if (!value.success) return report(key, kind, 'bad-shape', opened.keyId);
      if (opened.stale) {
        await reseal(key, kind, envelope, opened.plaintext, exp).catch((error: unknown) => {
          // The value is good; the next read tries again.
          logger.warn('could not re-seal a record with the primary key', {
            code: 'STORE_RESEAL_FAILED',
            kind,
            error,
          });
        });
      }
      return value.data;
    },

    async set(kind, parts, value, ttlMs) {
      const key = recordKey(kind, parts);
      const exp = ttlMs === undefined ? null : Date.now() + ttlMs;
      const payload = serialize(kind, value, exp);
      const envelope = seal(keyring, payload, associatedData(key));
      await writes.run(key, () => kv.set(key, envelope, ttlMs));
      reported.delete(key);
    },

    async delete(kind, parts) {
      const key = recordKey(kind, parts);
      return writes.run(key, () => kv.delete(key));
    },

    async deleteAll(kind, leading, partial = '') {
      const prefix = `${kind}:${leading.map((part) => `${encodeURIComponent(part)}:`).join('')}${encodeURIComponent(partial)}`;
      let deleted = 0;
      for (const key of await kv.keys(prefix)) {
        if (await writes.run(key, () => kv.delete(key))) deleted += 1;
      }
      return deleted;
    },

    async exists(kind, parts) {
      return (await kv.get(recordKey(kind, parts))) !== undefined;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function serialize(kind: RecordKind, value: unknown, exp: number | null): string {
  let text: string | undefined;
  try {
    text = value === undefined ? undefined : JSON.stringify({ v: value, exp });
  } catch {
    // Cycles and bigints; the cause is dropped because the value may hold a pass phrase.
  }
  if (text === undefined) throw new StoreError('STORE_BAD_VALUE', `a ${kind} record must be JSON`);
  return text;
}
