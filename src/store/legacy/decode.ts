import type { z } from 'zod';
import { type Keyring, open } from '../crypto.ts';
import { AccountGuardSchema, AlertSubscriptionSchema, PurchaseRecordSchema } from '../schemas.ts';
import type { AccountGuard, AlertSubscription, PurchaseRecord } from '../types.ts';

/** One row of the keyv table as the release before the SQL tables wrote it (`postage:<kind>:<ids>`). */
export interface LegacyRow {
  key: string;
  /** keyv's row JSON, `{"value":"v1.<keyId>.<sealed>","expires":…}`. */
  value: string;
}

/** Why a legacy row could not be imported; it is left where it is, as the old release left it unread. */
export type LegacyUnreadable = 'malformed' | 'auth-failed' | 'bad-payload' | 'bad-shape';

/** What the legacy rows hold, decrypted and validated, ready to be written into the tables. */
export interface LegacyRecords {
  purchases: PurchaseRecord[];
  alerts: AlertSubscription[];
  guards: AccountGuard[];
  /** Keys of every row the tables replace (the records above, expired ones and the index rows). */
  replacedKeys: string[];
  /** Rows no key opens (their key ids); the caller refuses to start, as the store did before. */
  unknownKeyIds: Set<string>;
  /** Rows the old release would also have read as absent (tampered, not its shape): kept, counted. */
  unreadable: Array<{ kind: LegacyKind; reason: LegacyUnreadable }>;
}

/** The kinds the SQL tables replace. Credentials and sessions stay keyv records and are not touched. */
export const LEGACY_KINDS = ['purchase', 'purchase-index', 'alert', 'alert-index', 'account-guard'] as const;
export type LegacyKind = (typeof LEGACY_KINDS)[number];

const NAMESPACE = 'postage:';
// As encrypted-records.ts binds every record to its address (key without the keyv namespace).
const associatedData = (recordKey: string): string => `postage-record/v1|${recordKey}`;
const RECORD_SCHEMAS = {
  purchase: PurchaseRecordSchema,
  alert: AlertSubscriptionSchema,
  'account-guard': AccountGuardSchema,
} as const;

/**
 * Opens the legacy rows with `keyring` and sorts them into records for the tables. Pure: reading the
 * rows and writing the result is the importer's job. Index rows are only listed for deletion: the
 * tables index themselves. A claim still `pending` comes over without an owner, so crash recovery
 * re-checks it.
 */
export function decodeLegacyRows(rows: readonly LegacyRow[], keyring: Keyring, now: number): LegacyRecords {
  const out: LegacyRecords = {
    purchases: [],
    alerts: [],
    guards: [],
    replacedKeys: [],
    unknownKeyIds: new Set(),
    unreadable: [],
  };
  for (const row of rows) {
    const kind = legacyKindOf(row.key);
    if (kind === undefined) continue;
    if (kind === 'purchase-index' || kind === 'alert-index') {
      out.replacedKeys.push(row.key);
      continue;
    }
    const opened = openRow(row, kind, keyring, now);
    if (opened === 'expired') out.replacedKeys.push(row.key);
    else if ('unknownKeyId' in opened) out.unknownKeyIds.add(opened.unknownKeyId);
    else if ('unreadable' in opened) out.unreadable.push({ kind, reason: opened.unreadable });
    else {
      out.replacedKeys.push(row.key);
      if (kind === 'purchase') {
        const record = opened.value as PurchaseRecord;
        out.purchases.push(record.state === 'pending' ? { ...record, ownerInstance: null } : record);
      } else if (kind === 'alert') out.alerts.push(opened.value as AlertSubscription);
      else out.guards.push(opened.value as AccountGuard);
    }
  }
  return out;
}

/** The legacy kind a keyv key names, or undefined for rows the import leaves alone. */
export function legacyKindOf(key: string): LegacyKind | undefined {
  if (!key.startsWith(NAMESPACE)) return undefined;
  const kind = key.slice(NAMESPACE.length).split(':', 1)[0];
  return LEGACY_KINDS.find((candidate) => candidate === kind);
}

type Opened = { value: unknown } | 'expired' | { unknownKeyId: string } | { unreadable: LegacyUnreadable };

function openRow(row: LegacyRow, kind: keyof typeof RECORD_SCHEMAS, keyring: Keyring, now: number): Opened {
  const outer = parseJson(row.value);
  const envelope = isObject(outer) && typeof outer['value'] === 'string' ? outer['value'] : row.value;
  const opened = open(keyring, envelope, associatedData(row.key.slice(NAMESPACE.length)));
  if (!opened.ok) {
    return opened.reason === 'unknown-key' && opened.keyId !== undefined
      ? { unknownKeyId: opened.keyId }
      : { unreadable: opened.reason === 'unknown-key' ? 'malformed' : opened.reason };
  }
  const payload = parseJson(opened.plaintext);
  if (!isObject(payload) || !('v' in payload)) return { unreadable: 'bad-payload' };
  const exp = payload['exp'];
  if (typeof exp === 'number' && now > exp) return 'expired';
  const schema: z.ZodType = RECORD_SCHEMAS[kind];
  const value = schema.safeParse(payload['v']);
  return value.success ? { value: value.data } : { unreadable: 'bad-shape' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
