/**
 * Automatic reload (issue 15) on alert subscriptions: whether its owner turned it on (and when), why the
 * bot turned it off, and what the current alert says about this crossing's reload. All nullable text:
 * existing rows read as "off". One column per statement (SQLite's ALTER TABLE adds one at a time).
 *
 * NOTE: migrations are frozen once released: a change is a new file that sorts after this one.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of ['reload_on_at', 'reload_on_by', 'reload_off_reason', 'reload_note']) {
    await db.schema.alterTable('alert_subscriptions').addColumn(name, 'text').execute();
  }
}
