import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Team controls (issue 14): workspace settings, approval requests (no secret: the requester's pass
 * phrase is a sealed record beside them) and the audit trail; and the workspace-wide purchase index
 * the monthly limit, `history all` and the export read.
 *
 * NOTE: migrations are frozen once released: a change is a new file that sorts after this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const mils = postgres ? 'bigint' : 'integer';

  await db.schema
    .createTable('team_settings')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('approval_above_mils', mils)
    .addColumn('approver_ids', 'text', (c) => c.notNull())
    .addColumn('approvals_channel_id', 'text')
    .addColumn('daily_limit_mils', mils)
    .addColumn('monthly_limit_mils', mils)
    .addColumn('buyer_ids', 'text', (c) => c.notNull())
    .addColumn('postage_admin_ids', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text')
    .execute();

  await db.schema
    .createTable('approval_requests')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('amount_mils', mils, (c) => c.notNull())
    .addColumn('balance_mils', mils)
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('message_ts', 'text')
    .addColumn('origin_channel_id', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending', 'approved', 'denied', 'cancelled', 'expired')`),
    )
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  // The expiry sweep and the Home tab read only pending requests.
  await db.schema
    .createIndex('approval_requests_pending')
    .on('approval_requests')
    .columns(['team_id', 'created_at'])
    .where(sql.ref('state'), '=', sql.lit('pending'))
    .execute();
  await db.schema
    .createIndex('approval_requests_pending_expiry')
    .on('approval_requests')
    .column('expires_at')
    .where(sql.ref('state'), '=', sql.lit('pending'))
    .execute();

  await db.schema
    .createTable('audit_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('purchase', 'approval-request', 'approval-decision', 'limit-refusal', 'settings-change')`,
        ),
    )
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('amount_mils', mils)
    .addColumn('transaction_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_records_by_team')
    .on('audit_records')
    .columns(['team_id', 'at desc'])
    .execute();

  await db.schema
    .createIndex('purchases_by_team')
    .on('purchases')
    .columns(['team_id', 'created_at desc'])
    .execute();
}
