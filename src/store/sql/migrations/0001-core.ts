import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The first schema: the purchase journal, alert subscriptions, account guards, leases, once-marks and
 * balance readings; on PostgreSQL also keyv's table for the encrypted records (on SQLite @keyv/sqlite
 * makes its own in the same file).
 *
 * NOTE: migrations are frozen once released: a change is a new file that sorts after this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const mils = postgres ? 'bigint' : 'integer';

  await db.schema
    .createTable('purchases')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('amount_mils', mils, (c) => c.notNull())
    .addColumn('balance_before_mils', mils)
    .addColumn('balance_after_mils', mils)
    .addColumn('transaction_id', 'text')
    .addColumn('message', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('pending', 'confirmed', 'failed', 'unconfirmed')`),
    )
    .addColumn('channel_id', 'text')
    .addColumn('owner_instance', 'text')
    .addColumn('view_id', 'text')
    .addColumn('receipt_channel_id', 'text')
    .addColumn('receipt_ts', 'text')
    .addColumn('recheck_closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('purchases_by_user')
    .on('purchases')
    .columns(['team_id', 'user_id', 'created_at desc'])
    .execute();
  await db.schema
    .createIndex('purchases_by_account')
    .on('purchases')
    .columns(['team_id', 'account_id', 'created_at desc'])
    .execute();
  // Crash recovery and the re-check schedule read these two small sets; partial indices stay small.
  await db.schema
    .createIndex('purchases_pending')
    .on('purchases')
    .column('created_at desc')
    .where(sql.ref('state'), '=', sql.lit('pending'))
    .execute();
  await db.schema
    .createIndex('purchases_unconfirmed_open')
    .on('purchases')
    .column('created_at desc')
    .where(sql<boolean>`state = 'unconfirmed' and recheck_closed_at is null`)
    .execute();

  await db.schema
    .createTable('alert_subscriptions')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('threshold_mils', mils, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('armed', 'alerted')`))
    .addColumn('alert_message_ts', 'text')
    .addColumn('last_balance_mils', mils)
    .addColumn('last_checked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The primary key is also the sweep's stable paging key.
    .addPrimaryKeyConstraint('alert_subscriptions_pk', ['team_id', 'channel_id'])
    .execute();
  await db.schema
    .createIndex('alert_subscriptions_by_owner')
    .on('alert_subscriptions')
    .columns(['team_id', 'owner_user_id', 'created_at desc'])
    .execute();
  await db.schema
    .createIndex('alert_subscriptions_by_account')
    .on('alert_subscriptions')
    .columns(['team_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('alert_subscriptions_by_created')
    .on('alert_subscriptions')
    .column('created_at desc')
    .execute();

  await db.schema
    .createTable('account_guards')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('refusals', 'integer', (c) => c.notNull().check(sql`refusals >= 0`))
    .addColumn('blocked_at', 'text')
    .addColumn('held_until', 'text')
    .addColumn('attempt_since', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_guards_pk', ['team_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('once_marks')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('once_marks_by_expiry').on('once_marks').column('expires_at').execute();

  await db.schema
    .createTable('balance_readings')
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('balance_mils', mils, (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('balance_readings_by_account')
    .on('balance_readings')
    .columns(['team_id', 'account_id', 'read_at'])
    .execute();

  if (postgres) {
    // keyv's own shape (@keyv/postgres would create it lazily, racing other instances starting at once).
    await sql`create table if not exists keyv (key varchar(255) primary key, value text)`.execute(db);
  }
}
