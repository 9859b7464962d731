import type { ExpressionBuilder, Selectable } from 'kysely';
import { StoreError } from '../errors.ts';
import { AlertSubscriptionSchema, checked } from '../schemas.ts';
import type { AlertStore, AlertSubscription } from '../types.ts';
import type { SqlRunner } from './run.ts';
import type { AlertSubscriptionsTable, Database } from './schema.ts';

type Row = Selectable<AlertSubscriptionsTable>;

/**
 * Alert subscriptions as a table, one row per workspace and channel. Lists are indexed queries; the
 * sweep pages by primary key; `replace` is one conditional UPDATE, so of two instances announcing the
 * same transition only one wins.
 */
export function createSqlAlertStore(sql: SqlRunner): AlertStore {
  /** Subscriptions whose columns equal `match`, newest first (an index serves each use). */
  const newest = (match: Partial<Pick<Row, 'team_id' | 'owner_user_id' | 'account_id'>>) =>
    sql.read('alert list', async (db) => {
      let query = db.selectFrom('alert_subscriptions').selectAll();
      for (const [column, value] of Object.entries(match) as [keyof Row, string][]) {
        query = query.where(column, '=', value);
      }
      return (await query.orderBy('created_at', 'desc').orderBy('channel_id').execute()).map(fromRow);
    });
  return {
    get: (teamId, channelId) =>
      sql.read('alert read', async (db) => {
        const row = await db
          .selectFrom('alert_subscriptions')
          .selectAll()
          .where('team_id', '=', teamId)
          .where('channel_id', '=', channelId)
          .executeTakeFirst();
        return row === undefined ? undefined : fromRow(row);
      }),

    async put(sub) {
      const row = toAlertRow(checked(AlertSubscriptionSchema, sub, 'alert subscription'));
      const { team_id: _team, channel_id: _channel, ...rest } = row;
      await sql.write('alert write', (db) =>
        db
          .insertInto('alert_subscriptions')
          .values(row)
          .onConflict((oc) => oc.columns(['team_id', 'channel_id']).doUpdateSet(rest))
          .execute(),
      );
    },

    delete: (teamId, channelId) =>
      sql.write('alert delete', async (db) => {
        const result = await db
          .deleteFrom('alert_subscriptions')
          .where('team_id', '=', teamId)
          .where('channel_id', '=', channelId)
          .executeTakeFirst();
        return result.numDeletedRows > 0n;
      }),

    list: () => newest({}),

    listPage: (after, limit) =>
      sql.read('alert list', async (db) => {
        const cursor = after === null ? null : parseCursor(after);
        let query = db
          .selectFrom('alert_subscriptions')
          .selectAll()
          .orderBy('team_id')
          .orderBy('channel_id')
          .limit(Math.max(1, Math.floor(limit)) + 1);
        if (cursor !== null) {
          query = query.where((eb) =>
            eb(eb.refTuple('team_id', 'channel_id'), '>', eb.tuple(cursor[0], cursor[1])),
          );
        }
        const found = (await query.execute()).map(fromRow);
        const page = found.slice(0, Math.max(1, Math.floor(limit)));
        const last = page.at(-1);
        return {
          subs: page,
          next:
            found.length > page.length && last !== undefined
              ? JSON.stringify([last.teamId, last.channelId])
              : null,
        };
      }),

    deleteTeam: (teamId) =>
      sql.write('alert delete', async (db) => {
        const result = await db
          .deleteFrom('alert_subscriptions')
          .where('team_id', '=', teamId)
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      }),

    listByOwner: (teamId, ownerUserId) => newest({ team_id: teamId, owner_user_id: ownerUserId }),
    listByAccount: (teamId, accountId) => newest({ team_id: teamId, account_id: accountId }),

    listDigests: () =>
      sql.read('alert list', async (db) =>
        (
          await db
            .selectFrom('alert_subscriptions')
            .selectAll()
            .where('digest_weekday', 'is not', null)
            .where('digest_hour', 'is not', null)
            .orderBy('team_id')
            .orderBy('channel_id')
            .execute()
        ).map(fromRow),
      ),

    async replace(expected, next) {
      const row = toAlertRow(checked(AlertSubscriptionSchema, next, 'alert subscription'));
      const { team_id: _team, channel_id: _channel, ...rest } = row;
      return sql.write('alert write', async (db) => {
        const result = await db
          .updateTable('alert_subscriptions')
          .set(rest)
          .where('team_id', '=', expected.teamId)
          .where('channel_id', '=', expected.channelId)
          .where('state', '=', expected.state)
          .where((eb) => same(eb, 'alert_message_ts', expected.alertMessageTs))
          // Who handles the alert and its other edges: two clicks (or a click and a sweep) never lose one.
          .where((eb) => same(eb, 'acknowledged_at', expected.acknowledgedAt ?? null))
          .where((eb) => same(eb, 'snoozed_until', expected.snoozedUntil ?? null))
          .where((eb) => same(eb, 'escalated_at', expected.escalatedAt ?? null))
          // This crossing's reload is decided once (of two instances, one writes what the alert says).
          .where((eb) => same(eb, 'reload_note', expected.reloadNote ?? null))
          .where((eb) =>
            (expected.runwayState ?? 'armed') === 'armed'
              ? eb.or([eb('runway_state', 'is', null), eb('runway_state', '=', 'armed')])
              : eb('runway_state', '=', 'warned'),
          )
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      });
    },
  };
}

type Nullable = 'alert_message_ts' | 'acknowledged_at' | 'snoozed_until' | 'escalated_at' | 'reload_note';

/** `column = value`, or `column IS NULL` for null (SQL's `= NULL` matches nothing). */
function same(
  eb: ExpressionBuilder<Database, 'alert_subscriptions'>,
  column: Nullable,
  value: string | null,
) {
  return value === null ? eb(column, 'is', null) : eb(column, '=', value);
}

/** The sweep's cursor: the last page's final key, `["T1","C9"]`. */
function parseCursor(text: string): [string, string] {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return [value[0] as string, value[1] as string];
    }
  } catch {
    // fall through
  }
  throw new StoreError('STORE_BAD_VALUE', 'not a cursor from listPage');
}

/** A subscription as its row (also what the legacy import writes). */
export function toAlertRow(s: AlertSubscription): Row {
  return {
    team_id: s.teamId,
    channel_id: s.channelId,
    owner_user_id: s.ownerUserId,
    account_id: s.accountId,
    threshold_mils: s.thresholdMils,
    state: s.state,
    alert_message_ts: s.alertMessageTs,
    last_balance_mils: s.lastBalanceMils,
    last_checked_at: s.lastCheckedAt,
    created_at: s.createdAt,
    acknowledged_by: s.acknowledgedBy ?? null,
    acknowledged_at: s.acknowledgedAt ?? null,
    snoozed_by: s.snoozedBy ?? null,
    snoozed_until: s.snoozedUntil ?? null,
    alerted_at: s.alertedAt ?? null,
    escalated_at: s.escalatedAt ?? null,
    runway_state: s.runwayState ?? null,
    runway_alert_ts: s.runwayAlertTs ?? null,
    runway_warning_days: s.runwayWarningDays ?? null,
    reload_amount_mils: s.reloadAmountMils ?? null,
    reloads_per_day: s.reloadsPerDay ?? null,
    escalate_after_hours: s.escalateAfterHours ?? null,
    escalate_to: s.escalateTo == null ? null : JSON.stringify(s.escalateTo),
    digest_weekday: s.digestWeekday ?? null,
    digest_hour: s.digestHour ?? null,
    digest_time_zone: s.digestTimeZone ?? null,
    reload_on_at: s.reloadOnAt ?? null,
    reload_on_by: s.reloadOnBy ?? null,
    reload_off_reason: s.reloadOffReason ?? null,
    reload_note: s.reloadNote ?? null,
  };
}

/** The entries that are not null. */
function present(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

/** PostgreSQL's bigint arrives as a string: a number, or null. */
function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** A JSON array column, or null; anything else reads as a value the schema then refuses. */
function jsonList(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** @throws StoreError `STORE_UNREADABLE` for a row that breaks the subscription's rules. */
function fromRow(row: Row): AlertSubscription {
  const sub = AlertSubscriptionSchema.safeParse({
    teamId: row.team_id,
    channelId: row.channel_id,
    ownerUserId: row.owner_user_id,
    accountId: row.account_id,
    thresholdMils: row.threshold_mils,
    state: row.state,
    alertMessageTs: row.alert_message_ts,
    lastBalanceMils: row.last_balance_mils,
    lastCheckedAt: row.last_checked_at,
    createdAt: row.created_at,
    // Issue 15's columns: null reads as absent, so a record reads back as it was written.
    ...present({
      acknowledgedBy: row.acknowledged_by,
      acknowledgedAt: row.acknowledged_at,
      snoozedBy: row.snoozed_by,
      snoozedUntil: row.snoozed_until,
      alertedAt: row.alerted_at,
      escalatedAt: row.escalated_at,
      runwayState: row.runway_state,
      runwayAlertTs: row.runway_alert_ts,
      runwayWarningDays: numberOrNull(row.runway_warning_days),
      reloadAmountMils: numberOrNull(row.reload_amount_mils),
      reloadsPerDay: numberOrNull(row.reloads_per_day),
      escalateAfterHours: numberOrNull(row.escalate_after_hours),
      escalateTo: jsonList(row.escalate_to),
      digestWeekday: numberOrNull(row.digest_weekday),
      digestHour: numberOrNull(row.digest_hour),
      digestTimeZone: row.digest_time_zone,
      reloadOnAt: row.reload_on_at,
      reloadOnBy: row.reload_on_by,
      reloadOffReason: row.reload_off_reason,
      reloadNote: row.reload_note,
    }),
  });
  if (!sub.success) throw new StoreError('STORE_UNREADABLE', 'an alert subscription cannot be read');
  return sub.data;
}
