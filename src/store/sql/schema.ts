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
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  snoozed_by: string | null;
  snoozed_until: string | null;
  alerted_at: string | null;
  escalated_at: string | null;
  runway_state: string | null;
  runway_alert_ts: string | null;
  runway_warning_days: number | null;
  reload_amount_mils: number | null;
  reloads_per_day: number | null;
  escalate_after_hours: number | null;
  /** JSON array of user ids. */
  escalate_to: string | null;
  digest_weekday: number | null;
  digest_hour: number | null;
  digest_time_zone: string | null;
  reload_on_at: string | null;
  reload_on_by: string | null;
  reload_off_reason: string | null;
  reload_note: string | null;
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

export interface TeamSettingsTable {
  team_id: string;
  approval_above_mils: number | null;
  /** JSON arrays of user ids (small, read whole, never queried inside). */
  approver_ids: string;
  approvals_channel_id: string | null;
  daily_limit_mils: number | null;
  monthly_limit_mils: number | null;
  buyer_ids: string;
  postage_admin_ids: string;
  updated_by: string | null;
  updated_at: string | null;
}

export interface ApprovalRequestsTable {
  request_id: string;
  team_id: string;
  requester_id: string;
  account_id: string;
  amount_mils: number;
  balance_mils: number | null;
  channel_id: string;
  message_ts: string | null;
  origin_channel_id: string | null;
  state: string;
  decided_by: string | null;
  reason: string | null;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
}

export interface AuditRecordsTable {
  id: string;
  team_id: string;
  kind: string;
  actor_id: string;
  subject_id: string | null;
  account_id: string | null;
  amount_mils: number | null;
  transaction_id: string | null;
  detail: string;
  at: string;
}

/** Every table the SQL store owns (the keyv table holding encrypted records is keyv's own). */
export interface Database {
  purchases: PurchasesTable;
  alert_subscriptions: AlertSubscriptionsTable;
  account_guards: AccountGuardsTable;
  leases: LeasesTable;
  once_marks: OnceMarksTable;
  balance_readings: BalanceReadingsTable;
  team_settings: TeamSettingsTable;
  approval_requests: ApprovalRequestsTable;
  audit_records: AuditRecordsTable;
}
