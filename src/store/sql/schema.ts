import type { Generated } from 'kysely';

// The tables as Kysely sees them. Times are ISO 8601 UTC text (`toISOString()`) on every backend: they
// sort as text, compare as text in SQL and read back exactly as written. Money is whole mils.

export interface PurchasesTable {
  request_id: string;
  team_id: string;
  user_id: string;
  account_id: string;
  amount_mils: number;
  balance_before_mils: number | null;
  balance_after_mils: number | null;
  transaction_id: string | null;
  message: string | null;
  state: string;
  channel_id: string | null;
  owner_instance: string | null;
  view_id: string | null;
  receipt_channel_id: string | null;
  receipt_ts: string | null;
  recheck_closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlertSubscriptionsTable {
  team_id: string;
  channel_id: string;
  owner_user_id: string;
  account_id: string;
  threshold_mils: number;
  state: string;
  alert_message_ts: string | null;
  last_balance_mils: number | null;
  last_checked_at: string | null;
  created_at: string;
}

export interface AccountGuardsTable {
  team_id: string;
  account_id: string;
  refusals: number;
  blocked_at: string | null;
  held_until: string | null;
  attempt_since: string | null;
  updated_at: string;
}

export interface LeasesTable {
  name: string;
  owner: string;
  expires_at: string;
}

export interface OnceMarksTable {
  key: string;
  expires_at: string;
}

export interface BalanceReadingsTable {
  id: Generated<number>;
  team_id: string;
  account_id: string;
  balance_mils: number;
  read_at: string;
  source: string;
}

/** Every table the SQL store owns (the keyv table holding encrypted records is keyv's own). */
export interface Database {
  purchases: PurchasesTable;
  alert_subscriptions: AlertSubscriptionsTable;
  account_guards: AccountGuardsTable;
  leases: LeasesTable;
  once_marks: OnceMarksTable;
  balance_readings: BalanceReadingsTable;
}
