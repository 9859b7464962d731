import type { Logger } from '../lib/logger.ts';
import type { BalanceCheck, BuyApproved, SpendingGate, WizardRunner } from '../machine/index.ts';
import type { RememberedLogins } from '../never-lock/index.ts';
import type {
  AlertStore,
  ApprovalStore,
  AuditStore,
  BalanceReadingStore,
  CredentialStore,
  PurchaseStore,
  SettingsStore,
} from '../store/index.ts';
import type { RunwayOf } from './alerts/alert-runway.ts';
import type { EndiciaEnvironment } from './views/types.ts';

/** The alert monitor as the bot sees it (issue 6 wires the real one). */
export interface AlertControl {
  /**
   * A fresh subscription: check it now rather than at the next sweep (tracked background work). Resolves
   * with the reading, which callers may show or ignore; rejects only on a bug or a store failure.
   */
  checkSoon(teamId: string, channelId: string): Promise<BalanceCheck | null>;
}

/** Everything the listeners need, injected by compose.ts (fakes in unit tests). */
export interface BotDeps {
  runner: WizardRunner;
  credentials: CredentialStore;
  /** The app's one owner of remembered logins (the Reveal button reads through it). */
  remembered: RememberedLogins;
  purchases: PurchaseStore;
  /** The kept balance readings: the Home tab's last known balance (absent in some tests). */
  balanceReadings?: Pick<BalanceReadingStore, 'listSince'>;
  alerts: AlertStore;
  /** Team controls (issue 14): settings, approval requests, the audit trail, buyers and limits. */
  settings: SettingsStore;
  approvals: ApprovalStore;
  audit: AuditStore;
  spending: SpendingGate;
  /** An approved request's purchase, journal-first and once only, with the requester's login. */
  buyApproved: BuyApproved;
  alertControl: AlertControl | null;
  /** `/postage balance` with the caller's remembered credentials (never retried after a refusal). */
  checkBalance(teamId: string, userId: string): Promise<BalanceCheck>;
  /** 'SIMULATOR — no real postage' outside production; null in production. */
  environmentLabel: string | null;
  /** The label server the wizard talks to (shown in small print under "Endicia: …"). */
  serverUrl: string;
  /** ENDICIA_ENV, shown as "Endicia: simulator" on the details page; absent = the URL alone. */
  endiciaEnvironment?: EndiciaEnvironment;
  maxPurchaseCents: number;
  /**
   * How long after a submission arrives its ack may wait for the turn's Endicia call before acking with a
   * "working…" view instead (Slack allows 3 s): a quick answer then rides on the ack, with no views.update.
   */
  replyBudgetMs: number;
  /** Wizard sessions live this long untouched. */
  sessionTtlMs: number;
  /** Later re-checks of purchases whose answer was lost (armed once the receipt is posted); absent in some tests. */
  rechecks?: { arm(requestId: string): Promise<void> } | null;
  /** The runway forecast shown on a low-balance alert when it is edited (I'm on it, snooze). */
  alertRunway?: RunwayOf;
  logger: Logger;
  newId(): string;
  now(): Date;
}
