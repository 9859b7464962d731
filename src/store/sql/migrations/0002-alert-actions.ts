import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Issue 15 on alert subscriptions: who handles the alert (I'm on it, snoozes), its escalation and runway
 * warning edges, and the settings modal's optional fields. All nullable: existing rows read as "off".
 * One column per statement (SQLite's ALTER TABLE adds one at a time).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const mils = postgres ? 'bigint' : 'integer';
  const columns: ReadonlyArray<readonly [string, 'text' | 'integer' | 'bigint']> = [
    ['acknowledged_by', 'text'],
    ['acknowledged_at', 'text'],
    ['snoozed_by', 'text'],
    ['snoozed_until', 'text'],
    ['alerted_at', 'text'],
    ['escalated_at', 'text'],
    ['runway_state', 'text'],
    ['runway_alert_ts', 'text'],
    ['runway_warning_days', 'integer'],
    ['reload_amount_mils', mils],
    ['reloads_per_day', 'integer'],
    ['escalate_after_hours', 'integer'],
    // A JSON array of Slack user ids (at most 10).
    ['escalate_to', 'text'],
    ['digest_weekday', 'integer'],
    ['digest_hour', 'integer'],
    ['digest_time_zone', 'text'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('alert_subscriptions').addColumn(name, type).execute();
  }
}
