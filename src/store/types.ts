import type { Logger } from '../lib/logger.ts';
import type { PurchaseOutcome, ReconciledOutcome } from '../lib/purchase-outcome.ts';

/** A user's remembered Endicia login, per workspace. Always stored encrypted. */
export interface RememberedCredentials {
  accountId: string;
  passPhrase: string;
  /** ISO time. */
  savedAt: string;
  /** Set by the alert monitor after an authentication failure; cleared by a successful wizard login (set() again). */
  monitorBlockedAt: string | null;
}

/** Remembered credentials keyed by workspace and user: no other user or workspace can read them. */
export interface CredentialStore {
  get(teamId: string, userId: string): Promise<RememberedCredentials | undefined>;
  set(teamId: string, userId: string, value: RememberedCredentials): Promise<void>;
  delete(teamId: string, userId: string): Promise<boolean>;
  /** Forgets every remembered login of one workspace (it uninstalled the app); resolves how many. */
  deleteTeam(teamId: string): Promise<number>;
}

/** Wizard snapshots: opaque JSON (may contain a pass phrase, so always encrypted), gone after their TTL. */
export interface SessionStore {
  get(sessionId: string): Promise<unknown | undefined>;
  set(sessionId: string, value: unknown, ttlMs: number): Promise<void>;
  delete(sessionId: string): Promise<void>;
  /**
   * Deletes every session of one workspace (it uninstalled the app): the sessions whose id starts with
   * `<teamId>.`, as the bot makes them (open-wizard.ts). Resolves how many.
   */
  deleteTeam(teamId: string): Promise<number>;
}

/** A channel's low-balance alert for one remembered account. */
export interface AlertSubscription {
  teamId: string;
  channelId: string;
  ownerUserId: string;
  accountId: string;
  thresholdMils: number;
  /** `alerted` = the balance is below the threshold and the alert was posted. */
  state: 'armed' | 'alerted';
  alertMessageTs: string | null;
  lastBalanceMils: number | null;
  lastCheckedAt: string | null;
  createdAt: string;
  /*
   * Who is handling the current alert (issue 15). Cleared when a new alert is posted; absent on records
   * older than them (read as null). Written only through `replace`, so two clicks never lose one.
   */
  /** "I'm on it": who clicked it and when (ISO). */
  acknowledgedBy?: string | null | undefined;
  acknowledgedAt?: string | null | undefined;
  /** Snooze 1 hour / 1 day: who, and until when (ISO); no escalation or warning repeat before then. */
  snoozedBy?: string | null | undefined;
  snoozedUntil?: string | null | undefined;
  /** When the current alert was posted (ISO; escalation counts from it) and when it was escalated. */
  alertedAt?: string | null | undefined;
  escalatedAt?: string | null | undefined;
  /*
   * Settings from the alert settings modal (issue 15), all optional: absent or null = off.
   */
  /** Warn when the runway drops below this many days, even above the threshold. */
  runwayWarningDays?: number | null | undefined;
  /** The runway early warning's edge: `warned` once per crossing, re-armed when the runway recovers. */
  runwayState?: 'armed' | 'warned' | undefined;
  /** The warning message (to edit on recovery). */
  runwayAlertTs?: string | null | undefined;
  /** Automatic reload: this amount when the balance crosses below the threshold, at most so many a day. */
  reloadAmountMils?: number | null | undefined;
  reloadsPerDay?: number | null | undefined;
  /**
   * When (ISO) and by whom automatic reload was confirmed: it is on only while `reloadOnBy` is the owner
   * (a reload spends the owner's login). Null = off (the amount is kept).
   */
  reloadOnAt?: string | null | undefined;
  reloadOnBy?: string | null | undefined;
  /** Why the bot turned automatic reload off (a refused login, a failed purchase); null = it did not. */
  reloadOffReason?: string | null | undefined;
  /**
   * What the current alert says about this crossing's reload (made, not made and why); set = this
   * crossing's reload was decided. Cleared when a new alert is posted; part of `replace`'s compare-and-set.
   */
  reloadNote?: string | null | undefined;
  /** Nobody bought, acknowledged or snoozed within this many hours: tell `escalateTo` in the thread. */
  escalateAfterHours?: number | null | undefined;
  escalateTo?: string[] | null | undefined;
  /** Weekly digest: ISO weekday (1 = Monday … 7 = Sunday) and hour (0–23) in `digestTimeZone` (IANA). */
  digestWeekday?: number | null | undefined;
  digestHour?: number | null | undefined;
  digestTimeZone?: string | null | undefined;
}

/** One subscription per channel (per workspace). */
export interface AlertStore {
  get(teamId: string, channelId: string): Promise<AlertSubscription | undefined>;
  put(sub: AlertSubscription): Promise<void>;
  delete(teamId: string, channelId: string): Promise<boolean>;
  /** All subscriptions, newest first (the monitor's sweep). */
  list(): Promise<AlertSubscription[]>;
  /**
   * One page of all subscriptions in a stable order (the sweep reads in pages with flat memory): pass
   * the previous page's `next` to continue; `next` is null after the last page.
   */
  listPage(after: string | null, limit: number): Promise<{ subs: AlertSubscription[]; next: string | null }>;
  listByOwner(teamId: string, ownerUserId: string): Promise<AlertSubscription[]>;
  /** Every subscription on one account of one workspace (who to tell of a block; one read per account). */
  listByAccount(teamId: string, accountId: string): Promise<AlertSubscription[]>;
  /** Every subscription with a weekly digest set (weekday and hour), across workspaces: the digest's clock. */
  listDigests(): Promise<AlertSubscription[]>;
  /**
   * Compare-and-set across instances: writes `next` only when the stored subscription still has
   * `expected.state` and `expected.alertMessageTs` (the alert transition this instance is about to
   * announce has not been made by another), the same `runwayState` (absent = armed), `escalatedAt` and
   * handling (`acknowledgedAt`, `snoozedUntil`; absent = null) and `reloadNote`, so two clicks on two instances never lose one. False = someone else moved it first;
   * re-read.
   */
  replace(expected: AlertSubscription, next: AlertSubscription): Promise<boolean>;
  /** Deletes every subscription of one workspace (it uninstalled the app); resolves how many. */
  deleteTeam(teamId: string): Promise<number>;
}

/** `pending`: claimed, no outcome known yet; then one of the purchase outcomes (lib/purchase-outcome.ts). */
export type PurchaseState = 'pending' | PurchaseOutcome;

/** A purchase's receipt and audit record. */
export interface PurchaseRecord {
  /** Unique per confirmation; the bot's idempotency key. */
  requestId: string;
  teamId: string;
  userId: string;
  accountId: string;
  amountMils: number;
  balanceBeforeMils: number | null;
  balanceAfterMils: number | null;
  transactionId: string | null;
  message: string | null;
  state: PurchaseState;
  channelId: string | null;
  /**
   * The instance that claimed it (`POSTAGE_INSTANCE_ID`) while `pending`: only a claim whose owner's
   * `instance:<id>` lease has lapsed is re-checked by another instance. Absent on records older than it.
   */
  ownerInstance?: string | null | undefined;
  /** The modal showing "Buying…" (Slack view id), so crash recovery can update it; null when unknown. */
  viewId?: string | null | undefined;
  /** Where the channel receipt (or DM) landed, so a later re-check of a lost answer replies in its thread. */
  receipt?: { channelId: string; ts: string } | null | undefined;
  /** ISO time the later re-checks of an unconfirmed purchase ended (decided or told); absent = still due. */
  recheckClosedAt?: string | null | undefined;
  createdAt: string;
  updatedAt: string;
}

/**
 * A journal entry a crash interrupted, now settled as far as the balance can tell (crash recovery
 * produces it, the bot announces it).
 */
export interface RecoveredPurchase {
  record: PurchaseRecord;
  /** confirmed: the balance moved by exactly the amount since the claim; otherwise nobody can tell. */
  outcome: ReconciledOutcome;
  balanceMils: number | null;
}

export type PurchasePatch = Partial<Omit<PurchaseRecord, 'requestId' | 'teamId' | 'userId' | 'createdAt'>>;

export interface PurchaseStore {
  /**
   * Atomically claims `record.requestId`. Returns `{ claimed: true }`, or the existing record if that
   * id was ever claimed before (the caller then must NOT buy again). Race-free across every process
   * sharing the store: the request id is the table's primary key and one INSERT wins.
   * `onCommitted` is called once the claim is visible to every process (another's `begin` of the id loses,
   * `spentSince` counts it), which may be before it is on disk; the promise resolves only once it is.
   * @throws StoreError `STORE_UNREADABLE` when a record exists under that id but cannot be opened.
   */
  begin(
    record: PurchaseRecord,
    options?: { onCommitted?: () => void },
  ): Promise<{ claimed: true } | { claimed: false; existing: PurchaseRecord }>;
  /** Applies `patch`, stamps `updatedAt` (unless given) and returns the new record. @throws StoreError `STORE_NOT_FOUND`. */
  update(requestId: string, patch: PurchasePatch): Promise<PurchaseRecord>;
  get(requestId: string): Promise<PurchaseRecord | undefined>;
  /** Newest first (by `createdAt`), `limit` default 10, at most 500. */
  listByUser(teamId: string, userId: string, limit?: number): Promise<PurchaseRecord[]>;
  /** How many purchases `listByUser` could list (at most 500). */
  countByUser(teamId: string, userId: string): Promise<number>;
  /** Newest first (by `createdAt`), `limit` default 10, at most 500. */
  listByAccount(teamId: string, accountId: string, limit?: number): Promise<PurchaseRecord[]>;
  /**
   * Purchases still `pending` (claimed, no outcome written), newest first, at most 500. In a running
   * process these are in flight; at start-up they are purchases a crash interrupted.
   */
  listPending(): Promise<PurchaseRecord[]>;
  /**
   * Purchases still `unconfirmed` whose later re-checks have not ended (`recheckClosedAt` unset), newest
   * first, at most 500: at start-up, the re-checks to arm again.
   */
  listUnconfirmed(): Promise<PurchaseRecord[]>;
  /** A workspace's purchases, newest first, `limit` default 10 (history all, export). */
  listByTeam(teamId: string, limit?: number): Promise<PurchaseRecord[]>;
  /**
   * What was spent since `since` (ISO) by one person (`userId`) or the whole workspace (null), in mils:
   * confirmed, pending and unconfirmed purchases count (an unknown outcome counts as spent).
   */
  spentSince(teamId: string, userId: string | null, since: string): Promise<number>;
}

/**
 * What the bot knows about one Endicia account's road to a suspension (five wrong pass phrases in a
 * row): plain data, no secret. Kept per workspace and account, whoever's login or typing was refused.
 */
export interface AccountGuard {
  teamId: string;
  accountId: string;
  /** Consecutive refusals of a pass phrase for this account sent by the bot (typed or remembered). */
  refusals: number;
  /** ISO time unattended use of the account stopped (any person's login); null = allowed. */
  blockedAt: string | null;
  /** ISO time typed attempts may resume; null = not held. */
  heldUntil: string | null;
  /**
   * ISO time a pass phrase was sent whose outcome is not recorded yet. Written before the call: if the
   * outcome is never written (crash, full disk), the next reader counts it as a refusal.
   */
  attemptSince: string | null;
  updatedAt: string;
}

/** The guards, one per workspace and account. A small port: the SQL store will give it a table. */
export interface AccountGuardStore {
  /** @throws StoreError `STORE_UNREADABLE` when a guard exists but cannot be opened (fail closed). */
  get(teamId: string, accountId: string): Promise<AccountGuard | undefined>;
  put(guard: AccountGuard): Promise<void>;
}

/** A named, time-limited ownership shared by every instance on one store. */
export interface Lease {
  name: string;
  owner: string;
  /** ISO time. */
  expiresAt: string;
}

/**
 * Leases (a table on SQL backends): the one cross-instance lock. Names used: `instance:<id>` (an
 * instance's heartbeat), `turn:<sessionId>`, `account:<team>:<account>`, `sweep:<team>:<account>`,
 * `recover:<requestId>`, `migrate`.
 */
export interface LeaseStore {
  /**
   * Takes `name` for `owner` until now + `ttlMs` when it is free, expired or already `owner`'s (then it
   * is extended). Atomic across instances: of two callers at once, one gets true.
   */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives `name` up if `owner` still holds it (no-op otherwise). */
  release(name: string, owner: string): Promise<void>;
  /** The live holder, or undefined when free or expired. */
  holder(name: string): Promise<Lease | undefined>;
}

/** Things done once across all instances (a block told, a crossing announced, an event handled). */
export interface OnceStore {
  /** True for the first claim of `key` on this store, false for every later one; forgotten after `ttlMs`. */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/** Where a balance the bot read came from. */
export type BalanceSource = 'login' | 'purchase' | 'sweep' | 'command' | 'recheck' | 'recovery';

/** Every balance the bot reads, kept (runway forecasts and history queries read them). No secret. */
export interface StoredBalanceReading {
  teamId: string;
  accountId: string;
  balanceMils: number;
  /** ISO time. */
  readAt: string;
  source: BalanceSource;
}

export interface BalanceReadingStore {
  add(reading: StoredBalanceReading): Promise<void>;
  /** Readings of one account at or after `since` (ISO), oldest first. */
  listSince(teamId: string, accountId: string, since: string): Promise<StoredBalanceReading[]>;
}

/**
 * A workspace's team controls (`/postage settings`). Absent = today's behaviour: no approval, no limits,
 * everyone may buy, only workspace admins and owners are postage admins.
 */
export interface TeamSettings {
  teamId: string;
  /** Purchases above this need an approver's yes; null = never. */
  approvalAboveMils: number | null;
  approverIds: string[];
  approvalsChannelId: string | null;
  /** Per person, rolling 24 hours; null = no limit. */
  dailyLimitMils: number | null;
  /** The whole workspace, rolling 30 days; null = no limit. */
  monthlyLimitMils: number | null;
  /** Who may buy; empty = everyone. */
  buyerIds: string[];
  /** Besides workspace admins and owners. */
  postageAdminIds: string[];
  updatedBy: string | null;
  /** ISO time. */
  updatedAt: string | null;
}

export interface SettingsStore {
  get(teamId: string): Promise<TeamSettings | undefined>;
  put(settings: TeamSettings): Promise<void>;
}

export type ApprovalState = 'pending' | 'approved' | 'denied' | 'cancelled' | 'expired';

/** A purchase above the approval threshold, waiting for (or past) an approver's decision. No secret. */
export interface ApprovalRequest {
  /** Also the purchase's journal request id once approved: one purchase per request, ever. */
  requestId: string;
  teamId: string;
  requesterId: string;
  accountId: string;
  amountMils: number;
  /** The balance the requester saw; null when unknown. */
  balanceMils: number | null;
  /** The approvals channel and the request message there (null until posted). */
  channelId: string;
  messageTs: string | null;
  /** Where the wizard was started (the receipt goes there), or null (DM). */
  originChannelId: string | null;
  state: ApprovalState;
  decidedBy: string | null;
  reason: string | null;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
}

export interface ApprovalStore {
  /** Stores a new pending request with the requester's pass phrase, sealed, kept only while pending. */
  create(request: ApprovalRequest, passPhrase: string): Promise<void>;
  get(requestId: string): Promise<ApprovalRequest | undefined>;
  setMessage(requestId: string, messageTs: string): Promise<void>;
  /**
   * Compare-and-set out of `pending` (of two deciders at once, one wins): writes the decision, deletes
   * the pass phrase and returns it with the decided request; undefined when no longer pending.
   */
  decide(
    requestId: string,
    decision: {
      state: Exclude<ApprovalState, 'pending'>;
      decidedBy: string | null;
      reason: string | null;
      at: string;
    },
  ): Promise<{ request: ApprovalRequest; passPhrase: string | null } | undefined>;
  /** Pending requests of one workspace, oldest first. */
  listPending(teamId: string): Promise<ApprovalRequest[]>;
  /** Pending requests of every workspace whose `expiresAt` is at or before `at`. */
  listExpired(at: string): Promise<ApprovalRequest[]>;
}

export type AuditKind =
  | 'purchase'
  | 'approval-request'
  | 'approval-decision'
  | 'limit-refusal'
  | 'settings-change';

/** One line of the audit trail: who did what, when, with which amounts and Endicia's answer. */
export interface AuditRecord {
  id: string;
  teamId: string;
  kind: AuditKind;
  /** Who acted (the buyer, the approver, the admin). */
  actorId: string;
  /** Whom it concerns when not the actor (the requester of a decision). */
  subjectId: string | null;
  accountId: string | null;
  amountMils: number | null;
  transactionId: string | null;
  /** Endicia's response, the decision, the refusal's reason, or `field: old → new` lines. */
  detail: string;
  at: string;
}

export interface AuditStore {
  add(record: AuditRecord): Promise<void>;
  /** Newest first. */
  list(teamId: string, limit: number): Promise<AuditRecord[]>;
}

/**
 * One workspace's (or, org-wide, one Enterprise Grid org's) installation of the app: what the OAuth
 * flow returned. Always stored encrypted, bound to its team or enterprise id.
 */
export interface WorkspaceInstallation {
  /** Null for an org-wide install. */
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  /** xoxb-…: a secret. */
  botToken: string;
  botId: string | null;
  botUserId: string;
  scopes: string[];
  appId: string | null;
  /** Who installed it (Slack user id). */
  installerUserId: string | null;
  enterpriseUrl: string | null;
  /** ISO time. */
  installedAt: string;
}

/** Where an installation is looked up: a workspace, or an org for org-wide installs. */
export type InstallationKey = { kind: 'team'; id: string } | { kind: 'enterprise'; id: string };

/** Installations (OAuth mode), one per workspace or org; a reinstall replaces the old one. */
export interface InstallationStore {
  put(installation: WorkspaceInstallation): Promise<void>;
  get(key: InstallationKey): Promise<WorkspaceInstallation | undefined>;
  delete(key: InstallationKey): Promise<boolean>;
  /**
   * Notes that a workspace's requests arrive under an org-wide install, so work about that workspace
   * that no request carries (alerts, notices) can find the org's token.
   */
  noteOrgMember(teamId: string, enterpriseId: string): Promise<void>;
  /** The org whose install covers `teamId`, as noted from its requests; undefined when none was seen. */
  orgOf(teamId: string): Promise<string | undefined>;
}

/** Everything the bot keeps. */
export interface Store {
  /** This instance's name (`POSTAGE_INSTANCE_ID`): the owner it writes into leases and claims. */
  readonly instanceId: string;
  settings: SettingsStore;
  approvals: ApprovalStore;
  audit: AuditStore;
  credentials: CredentialStore;
  /** Refusal counts and blocks per account (never lock the account). */
  accountGuards: AccountGuardStore;
  sessions: SessionStore;
  alerts: AlertStore;
  purchases: PurchaseStore;
  leases: LeaseStore;
  once: OnceStore;
  balanceReadings: BalanceReadingStore;
  /** OAuth mode's installations (empty in single-workspace mode). */
  installations: InstallationStore;
  /** Cheap round trip for `GET /readyz` and the pool's health; rejects with StoreError when unreachable. */
  ping(): Promise<void>;
  /** Flushes and closes the backend; later calls reject with `STORE_CLOSED`. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /**
   * `POSTAGE_STORE_URL`, e.g. `sqlite://data/postage.sqlite`, `sqlite://:memory:`, `memory://`,
   * `postgres://user:pass@host:5432/db`.
   */
  url: string;
  /** PostgreSQL connections at most (`POSTAGE_STORE_POOL_SIZE`, default 10). */
  poolSize?: number | undefined;
  /** `POSTAGE_INSTANCE_ID`; default host name + pid. */
  instanceId?: string | undefined;
  /** `POSTAGE_ENCRYPTION_KEY` raw value (comma list) or undefined. */
  encryptionKey?: string | undefined;
  logger: Logger;
  /** Clock for `updatedAt` stamps. TTLs follow `Date.now()` (as keyv does), so fake timers drive both. */
  now?: () => Date;
}
