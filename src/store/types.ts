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
  /**
   * Compare-and-set across instances: writes `next` only when the stored subscription still has
   * `expected.state` and `expected.alertMessageTs` (the alert transition this instance is about to
   * announce has not been made by another). False = someone else moved it first; re-read.
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
   * @throws StoreError `STORE_UNREADABLE` when a record exists under that id but cannot be opened.
   */
  begin(record: PurchaseRecord): Promise<{ claimed: true } | { claimed: false; existing: PurchaseRecord }>;
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
}

/** Everything the bot keeps. */
export interface Store {
  /** This instance's name (`POSTAGE_INSTANCE_ID`): the owner it writes into leases and claims. */
  readonly instanceId: string;
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
