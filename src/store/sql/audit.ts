import type { Selectable } from 'kysely';
import { StoreError } from '../errors.ts';
import { AuditRecordSchema, checked } from '../schemas.ts';
import type { AuditRecord, AuditStore } from '../types.ts';
import type { SqlRunner } from './run.ts';
import type { AuditRecordsTable } from './schema.ts';

// One list reads at most this many records.
const AUDIT_LIST_LIMIT = 5_000;

function fromRow(row: Selectable<AuditRecordsTable>): AuditRecord {
  const record = AuditRecordSchema.safeParse({
    id: row.id,
    teamId: row.team_id,
    kind: row.kind,
    actorId: row.actor_id,
    subjectId: row.subject_id,
    accountId: row.account_id,
    amountMils: row.amount_mils,
    transactionId: row.transaction_id,
    detail: row.detail,
    at: row.at,
  });
  if (!record.success) throw new StoreError('STORE_UNREADABLE', 'an audit record cannot be read');
  return record.data;
}

/** The audit trail as an append-only table (a record id written twice keeps the first). */
export function createSqlAuditStore(sql: SqlRunner): AuditStore {
  return {
    async add(value) {
      const r = checked(AuditRecordSchema, value, 'audit record');
      await sql.write('audit write', (db) =>
        db
          .insertInto('audit_records')
          .values({
            id: r.id,
            team_id: r.teamId,
            kind: r.kind,
            actor_id: r.actorId,
            subject_id: r.subjectId,
            account_id: r.accountId,
            amount_mils: r.amountMils,
            transaction_id: r.transactionId,
            detail: r.detail,
            at: r.at,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute(),
      );
    },
    list: (teamId, limit) =>
      sql.read('audit list', async (db) =>
        (
          await db
            .selectFrom('audit_records')
            .selectAll()
            .where('team_id', '=', teamId)
            .orderBy('at', 'desc')
            .orderBy('id', 'desc')
            .limit(Math.min(AUDIT_LIST_LIMIT, Math.max(0, Math.floor(limit))))
            .execute()
        ).map(fromRow),
      ),
  };
}
