import { type Kysely, sql } from 'kysely';
import type { Logger } from '../../lib/logger.ts';
import type { Keyring } from '../crypto.ts';
import { wrongKeyError } from '../errors.ts';
import { toGuardRow } from '../sql/account-guards.ts';
import { toAlertRow } from '../sql/alerts.ts';
import type { SqlDatabase } from '../sql/database.ts';
import { toStoreError } from '../sql/errors.ts';
import { toPurchaseRow } from '../sql/purchases.ts';
import type { Database } from '../sql/schema.ts';
import { decodeLegacyRows, LEGACY_KINDS, type LegacyRow } from './decode.ts';

/** What one start imported (all zero on every start after the first). */
export interface LegacyImportReport {
  purchases: number;
  alerts: number;
  guards: number;
  /** Rows deleted: the imported records, their index rows and expired ones. */
  replacedRows: number;
  /** Rows left where they were because the old release would not have read them either. */
  unreadableRows: number;
}

const NONE: LegacyImportReport = { purchases: 0, alerts: 0, guards: 0, replacedRows: 0, unreadableRows: 0 };
// Kysely builds one statement per chunk; SQLite allows 32,766 bound parameters (18 columns × 500).
const CHUNK = 500;

/**
 * Moves the records of the release before the SQL tables (purchases, alert subscriptions, account
 * guards: encrypted keyv rows with JSON index rows) into the tables, in ONE transaction: decrypt with the
 * keyring, validate, insert (a row already in a table wins), delete the legacy rows. Credentials and
 * sessions are keyv records in this release too and stay as they are.
 *
 * Safe to repeat: a crash rolls the whole transaction back and the next start does it again; a start
 * that finds no legacy row does nothing. Two processes starting at once on one file: the transaction
 * begins IMMEDIATE, so the second waits for the first and then finds nothing left to import.
 *
 * @throws StoreError `STORE_WRONG_KEY` when a legacy row was sealed with a key the keyring lacks
 *   (nothing is changed).
 */
export async function importLegacyRecords(
  database: SqlDatabase,
  keyring: Keyring,
  logger: Logger,
  now: () => Date,
): Promise<LegacyImportReport> {
  // Legacy rows only ever lived in SQLite files; a PostgreSQL store starts from the tables.
  if (database.dialect !== 'sqlite') return NONE;
  const report = await moveRows(database, keyring, now).catch((error: unknown) => {
    throw toStoreError(
      error,
      'STORE_OPEN_FAILED',
      'moving the records of the earlier release into the tables',
    );
  });
  if (report.replacedRows > 0) {
    logger.info('moved the records of the release before the SQL tables into the tables', {
      code: 'STORE_LEGACY_IMPORTED',
      ...report,
    });
  }
  if (report.unreadableRows > 0) {
    // Every start finds them again (and says so) until someone deletes them: they hold nothing readable.
    logger.warn(
      'legacy records that cannot be read (tampered, or not a record) were left as they were: the old release read them as absent too',
      {
        code: 'STORE_LEGACY_UNREADABLE',
        rows: report.unreadableRows,
      },
    );
  }
  return report;
}

async function moveRows(
  database: SqlDatabase,
  keyring: Keyring,
  now: () => Date,
): Promise<LegacyImportReport> {
  if (!(await hasLegacyRows(database.db))) return NONE;
  return database.durably((db) =>
    db.transaction().execute(async (trx) => {
      const rows = await legacyRows(trx);
      const legacy = decodeLegacyRows(rows, keyring, now().getTime());
      if (legacy.unknownKeyIds.size > 0) throw wrongKeyError(legacy.unknownKeyIds.size);
      for (const chunk of chunks(legacy.purchases)) {
        await trx
          .insertInto('purchases')
          .values(chunk.map(toPurchaseRow))
          .onConflict((oc) => oc.column('request_id').doNothing())
          .execute();
      }
      for (const chunk of chunks(legacy.alerts)) {
        await trx
          .insertInto('alert_subscriptions')
          .values(chunk.map(toAlertRow))
          .onConflict((oc) => oc.columns(['team_id', 'channel_id']).doNothing())
          .execute();
      }
      for (const chunk of chunks(legacy.guards)) {
        await trx
          .insertInto('account_guards')
          .values(chunk.map(toGuardRow))
          .onConflict((oc) => oc.columns(['team_id', 'account_id']).doNothing())
          .execute();
      }
      for (const keys of chunks(legacy.replacedKeys)) {
        await sql`DELETE FROM keyv WHERE key IN (${sql.join(keys)})`.execute(trx);
      }
      return {
        purchases: legacy.purchases.length,
        alerts: legacy.alerts.length,
        guards: legacy.guards.length,
        replacedRows: legacy.replacedKeys.length,
        unreadableRows: legacy.unreadable.length,
      };
    }),
  );
}

// One range per legacy kind (`postage:purchase:` up to `postage:purchase;`): the keyv table's primary key
// answers each without a scan, so a start with nothing to import costs five index probes.
const RANGES = LEGACY_KINDS.map((kind) => [`postage:${kind}:`, `postage:${kind};`] as const);
const inLegacyRange = sql.join(
  RANGES.map(([from, to]) => sql`(key >= ${from} AND key < ${to})`),
  sql` OR `,
);

async function hasLegacyRows(db: Kysely<Database>): Promise<boolean> {
  // `memory://` keeps its keyv records elsewhere: no keyv table in the SQL database at all.
  const table = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'keyv'`.execute(db);
  if (Number(table.rows[0]?.n ?? 0) === 0) return false;
  const row = await sql<{ one: number }>`SELECT 1 AS one FROM keyv WHERE ${inLegacyRange} LIMIT 1`.execute(
    db,
  );
  return row.rows.length > 0;
}

async function legacyRows(db: Kysely<Database>): Promise<LegacyRow[]> {
  return (await sql<LegacyRow>`SELECT key, value FROM keyv WHERE ${inLegacyRange}`.execute(db)).rows;
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK);
}
