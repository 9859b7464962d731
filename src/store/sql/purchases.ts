import type { Selectable } from 'kysely';
import { StoreError } from '../errors.ts';
import { checked, PurchaseRecordSchema } from '../schemas.ts';
import type { PurchasePatch, PurchaseRecord, PurchaseStore } from '../types.ts';
import type { SqlRunner } from './run.ts';
import type { PurchasesTable } from './schema.ts';

/** Lists stop here (history shows the newest; older purchases stay readable by request id). */
export const PURCHASE_LIST_LIMIT = 500;
const DEFAULT_LIMIT = 10;

type Row = Selectable<PurchasesTable>;

/**
 * The purchase journal as a table. The claim is the database's own compare-and-set: the request id is
 * the primary key and one INSERT wins, on every instance sharing the database. Every journal write is
 * synced to disk before it resolves (on SQLite a group commit: see wal-sync.ts).
 */
export function createSqlPurchaseStore(sql: SqlRunner, now: () => Date): PurchaseStore {
  const get = (requestId: string) =>
    sql.read('purchase read', async (db) => {
      const row = await db
        .selectFrom('purchases')
        .selectAll()
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    });
  /** Purchases whose columns equal `match` (null: IS NULL), newest first. */
  const newest = (match: Partial<Row>, limit: number) =>
    sql.read('purchase list', async (db) => {
      let query = db.selectFrom('purchases').selectAll();
      for (const [column, value] of Object.entries(match) as [keyof Row, string | null][]) {
        query = value === null ? query.where(column, 'is', null) : query.where(column, '=', value);
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('request_id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    });
  const capped = (limit: number | undefined) =>
    Math.min(PURCHASE_LIST_LIMIT, Math.max(0, Math.floor(limit ?? DEFAULT_LIMIT)));

  return {
    async begin(claim, options) {
      const record = checked(PurchaseRecordSchema, claim, 'purchase record');
      const inserted = await sql.durableWrite(
        'purchase claim',
        (db) =>
          db
            .insertInto('purchases')
            .values(toPurchaseRow(record))
            .onConflict((oc) => oc.column('request_id').doNothing())
            .returning('request_id')
            .executeTakeFirst(),
        options?.onCommitted,
      );
      if (inserted !== undefined) return { claimed: true };
      const existing = await get(record.requestId);
      // Rows are never deleted, so a lost claim always finds the winner; if not, never buy on a guess.
      if (existing === undefined) {
        throw new StoreError('STORE_UNREADABLE', 'that request id was claimed before but cannot be read');
      }
      return { claimed: false, existing };
    },

    async update(requestId, patch) {
      const current = await get(requestId);
      if (current === undefined) {
        throw new StoreError('STORE_NOT_FOUND', 'no purchase record with that request id');
      }
      const next = checked(
        PurchaseRecordSchema,
        { ...current, ...definedOnly(patch), updatedAt: patch.updatedAt ?? now().toISOString() },
        'purchase update',
      );
      // Only the patched columns are written: two instances patching different fields of one record
      // (an outcome, a receipt) never undo each other.
      const columns = patchColumns({ ...definedOnly(patch), updatedAt: next.updatedAt });
      const row = await sql.durableWrite('purchase update', (db) =>
        db
          .updateTable('purchases')
          .set(columns)
          .where('request_id', '=', requestId)
          .returningAll()
          .executeTakeFirst(),
      );
      if (row === undefined)
        throw new StoreError('STORE_NOT_FOUND', 'no purchase record with that request id');
      return fromRow(row);
    },

    get,
    listByUser: (teamId, userId, limit) => newest({ team_id: teamId, user_id: userId }, capped(limit)),
    countByUser: (teamId, userId) =>
      sql.read('purchase count', async (db) => {
        const recent = db
          .selectFrom('purchases')
          .select('request_id')
          .where('team_id', '=', teamId)
          .where('user_id', '=', userId)
          .limit(PURCHASE_LIST_LIMIT)
          .as('recent');
        const row = await db
          .selectFrom(recent)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      }),
    listByAccount: (teamId, accountId, limit) =>
      newest({ team_id: teamId, account_id: accountId }, capped(limit)),
    listPending: () => newest({ state: 'pending' }, PURCHASE_LIST_LIMIT),
    listUnconfirmed: () => newest({ state: 'unconfirmed', recheck_closed_at: null }, PURCHASE_LIST_LIMIT),
    // Team controls (issue 14): the workspace's list, and what was spent (an unknown outcome counts).
    listByTeam: (teamId, limit) =>
      sql.read('purchase list', async (db) =>
        (
          await db
            .selectFrom('purchases')
            .selectAll()
            .where('team_id', '=', teamId)
            .orderBy('created_at', 'desc')
            .orderBy('request_id', 'desc')
            .limit(Math.max(0, Math.floor(limit ?? DEFAULT_LIMIT)))
            .execute()
        ).map(fromRow),
      ),
    spentSince: (teamId, userId, since) =>
      sql.read('purchase sum', async (db) => {
        let query = db
          .selectFrom('purchases')
          .select((eb) => eb.fn.sum<number | string | null>('amount_mils').as('spent'))
          .where('team_id', '=', teamId)
          .where('created_at', '>=', since)
          .where('state', 'in', ['confirmed', 'pending', 'unconfirmed']);
        if (userId !== null) query = query.where('user_id', '=', userId);
        const row = await query.executeTakeFirst();
        // PostgreSQL sums bigints as numeric (text); amounts are whole mils, far inside 2^53.
        return Number(row?.spent ?? 0);
      }),
  };
}

function definedOnly(patch: PurchasePatch): PurchasePatch {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as PurchasePatch;
}

/** A record as its row (also what the legacy import writes). */
export function toPurchaseRow(r: PurchaseRecord): Row {
  return {
    request_id: r.requestId,
    team_id: r.teamId,
    user_id: r.userId,
    account_id: r.accountId,
    amount_mils: r.amountMils,
    balance_before_mils: r.balanceBeforeMils,
    balance_after_mils: r.balanceAfterMils,
    transaction_id: r.transactionId,
    message: r.message,
    state: r.state,
    channel_id: r.channelId,
    owner_instance: r.ownerInstance ?? null,
    view_id: r.viewId ?? null,
    receipt_channel_id: r.receipt?.channelId ?? null,
    receipt_ts: r.receipt?.ts ?? null,
    recheck_closed_at: r.recheckClosedAt ?? null,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

/** The columns a patch touches (and only those). */
function patchColumns(p: PurchasePatch): Partial<Row> {
  const columns: Partial<Row> = {};
  if (p.accountId !== undefined) columns.account_id = p.accountId;
  if (p.amountMils !== undefined) columns.amount_mils = p.amountMils;
  if (p.balanceBeforeMils !== undefined) columns.balance_before_mils = p.balanceBeforeMils;
  if (p.balanceAfterMils !== undefined) columns.balance_after_mils = p.balanceAfterMils;
  if (p.transactionId !== undefined) columns.transaction_id = p.transactionId;
  if (p.message !== undefined) columns.message = p.message;
  if (p.state !== undefined) columns.state = p.state;
  if (p.channelId !== undefined) columns.channel_id = p.channelId;
  if (p.ownerInstance !== undefined) columns.owner_instance = p.ownerInstance;
  if (p.viewId !== undefined) columns.view_id = p.viewId;
  if (p.receipt !== undefined) {
    columns.receipt_channel_id = p.receipt?.channelId ?? null;
    columns.receipt_ts = p.receipt?.ts ?? null;
  }
  if (p.recheckClosedAt !== undefined) columns.recheck_closed_at = p.recheckClosedAt;
  if (p.updatedAt !== undefined) columns.updated_at = p.updatedAt;
  return columns;
}

/**
 * A row as the record the bot knows. The optional fields newer than the first journal are left out
 * when empty, as records without them always read.
 * @throws StoreError `STORE_UNREADABLE` for a row that breaks the record's rules (edited by hand).
 */
function fromRow(row: Row): PurchaseRecord {
  const record = PurchaseRecordSchema.safeParse({
    requestId: row.request_id,
    teamId: row.team_id,
    userId: row.user_id,
    accountId: row.account_id,
    amountMils: row.amount_mils,
    balanceBeforeMils: row.balance_before_mils,
    balanceAfterMils: row.balance_after_mils,
    transactionId: row.transaction_id,
    message: row.message,
    state: row.state,
    channelId: row.channel_id,
    ...(row.owner_instance === null ? {} : { ownerInstance: row.owner_instance }),
    ...(row.view_id === null ? {} : { viewId: row.view_id }),
    ...(row.receipt_channel_id === null || row.receipt_ts === null
      ? {}
      : { receipt: { channelId: row.receipt_channel_id, ts: row.receipt_ts } }),
    ...(row.recheck_closed_at === null ? {} : { recheckClosedAt: row.recheck_closed_at }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  if (!record.success) throw new StoreError('STORE_UNREADABLE', 'a purchase record cannot be read');
  return record.data;
}
