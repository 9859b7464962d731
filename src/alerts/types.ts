import type { EndiciaClient } from '../endicia/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { BalanceReading, BuyReload, Runway, SpendingGate } from '../machine/index.ts';
import type { RememberedLogins } from '../never-lock/index.ts';
import type {
  AlertStore,
  AlertSubscription,
  BalanceReadingStore,
  LeaseStore,
  OnceStore,
  PurchaseStore,
  SettingsStore,
} from '../store/index.ts';

/**
 * The monitor's only way out to people. The bot implements it with Slack (through a channel queue and its own
 * rate-limit-rejecting WebClient); tests use fakes. Implementations should not throw: the monitor logs and
 * carries on when they do.
 */
export interface AlertNotifier {
  /** Posts the low-balance alert in `sub.channelId`; `null` = could not post (the notifier logged why). */
  postAlert(sub: AlertSubscription, balanceMils: number): Promise<{ ts: string } | null>;
  /**
   * Edits the alert at `sub.alertMessageTs` (chat.update) to say the balance recovered, keeping what it said;
   * `low` is the last reading below the threshold before this one (null when unknown).
   */
  markRecovered(
    sub: AlertSubscription,
    balanceMils: number,
    low?: { balanceMils: number | null; checkedAt: string | null },
  ): Promise<void>;
  /** Posts the runway early warning (the runway is under the subscription's days); null = not posted. */
  postRunwayWarning?(
    sub: AlertSubscription,
    balanceMils: number,
    runway: Runway,
  ): Promise<{ ts: string } | null>;
  /**
   * Escalation: a reply in the alert's thread mentioning `sub.escalateTo`, and the alert edited to say
   * who was told. Called once per alert.
   */
  postEscalation?(sub: AlertSubscription, balanceMils: number): Promise<void>;
  /**
   * Automatic reload decided for the current alert (`sub.reloadNote` says it): the alert is edited to
   * show it; a receipt or a lost answer also goes in the alert's thread; a failure (reload now off) is
   * told to the owner by DM. Called once per crossing.
   */
  showReload?(sub: AlertSubscription, balanceMils: number, report: ReloadReport): Promise<void>;
  /** Edits the warning at `sub.runwayAlertTs` to say the runway recovered. */
  markRunwayRecovered?(sub: AlertSubscription, balanceMils: number, runway: Runway | null): Promise<void>;
}

/** What automatic reload needs beyond the monitor's own parts; absent = reload is never made. */
export interface ReloadPort {
  /** The BuyPostage actor path with the owner's remembered login (journal-first, limits, never-lock). */
  buy: BuyReload;
  /** The limits, checked first so the alert can say why in the owner's terms. */
  spending: SpendingGate;
  /** The approval threshold. */
  settings: Pick<SettingsStore, 'get'>;
  /** The journal: the crossing's claim, the day's count, an unsettled reload. */
  purchases: Pick<PurchaseStore, 'get' | 'listByAccount' | 'update'>;
  /** A lost answer's later re-checks (their answer goes in the alert's thread). */
  rechecks?: { arm(requestId: string): Promise<void> } | undefined;
  /**
   * Several instances: one of them decides a crossing's reload (the others' readings leave it alone), so
   * a refusal is checked, recorded and shown once. Absent = one process.
   */
  once?: Pick<OnceStore, 'claim'> | undefined;
}

/** What automatic reload did for one crossing, and the sentence the alert shows for it. */
export type ReloadReport =
  | { kind: 'bought'; text: string; balanceAfterMils: number }
  /** Not made (limits, approval threshold, the day's count, an unsettled reload). */
  | { kind: 'held'; text: string }
  /** A refused login or purchase: automatic reload is now off. */
  | { kind: 'failed'; text: string }
  /** The answer was lost; the re-checks reply in the thread. */
  | { kind: 'unconfirmed'; text: string };

/** The runway of an account at a balance read at `at`; null when the history cannot say. */
export type RunwayOf = (
  teamId: string,
  accountId: string,
  balanceMils: number,
  at: Date,
) => Promise<Runway | null>;

/** Timers the loop and the spread use; looked up at call time by default so `vi.useFakeTimers()` works. */
export interface MonitorTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the monitor needs from the outside world. */
export interface MonitorDeps {
  alerts: AlertStore;
  endicia: Pick<EndiciaClient, 'getAccountStatus'>;
  notifier: AlertNotifier;
  logger: Logger;
  now: () => Date;
  /** Time between the starts of two sweeps (`LOW_BALANCE_CHECK_INTERVAL_SECONDS` × 1000). */
  intervalMs: number;
  /** Status calls in flight at once, default 4. */
  concurrency?: number;
  /** A sweep's calls start spread over this window; default min(intervalMs / 2, 60 s); 0 = all at once. */
  spreadMs?: number;
  /** Delay before the first sweep after start(), default min(intervalMs, 5 s). */
  firstSweepDelayMs?: number;
  timers?: MonitorTimers;
  /**
   * The app's one owner of remembered logins (the wizard's actors share it): reads owners' logins and
   * sends them, so a refusal anywhere stops every unattended use of that account.
   */
  remembered: RememberedLogins;
  /** The journal: escalation holds off when someone bought through the bot since the alert. */
  purchases?: Pick<PurchaseStore, 'listByAccount'>;
  /** The runway forecast, for runway early warnings; absent = no warnings. */
  runwayOf?: RunwayOf;
  /** Where sweep readings are kept (runway forecasts); absent = not kept. */
  balanceReadings?: Pick<BalanceReadingStore, 'add'>;
  /**
   * Several instances on one store: each account is read by one of them per interval (a
   * `sweep:<team>:<account>` lease lasting most of an interval). Absent = one process.
   */
  shared?: { leases: Pick<LeaseStore, 'acquire'>; instanceId: string };
  /** Automatic reload (the BuyPostage actor path, limits, the journal); absent = never reload. */
  reload?: ReloadPort;
  /** Told of every finished sweep, scheduled or asked for (metrics). */
  onSweep?: (report: SweepReport) => void;
}

/** What one sweep did. */
export interface SweepReport {
  /** Distinct accounts (per workspace) with at least one subscription whose owner remembers that account. */
  accounts: number;
  statusCalls: number;
  /** Alerts posted. */
  alerts: number;
  /** Automatic reloads sent to Endicia (bought, refused by Endicia or unknown). */
  reloads: number;
  /** Alerts re-armed because the balance recovered. */
  recoveries: number;
  /** Accounts not checked because a pass phrase for them was refused (or every owner's login was). */
  skippedBlocked: number;
  /** Accounts another instance read this interval (left to it). */
  readElsewhere: number;
  /** Failed status calls plus subscriptions that could not be updated. */
  errors: number;
  ms: number;
}

/** The low-balance alert monitor. */
export interface AlertMonitor {
  /** Starts the loop: first sweep after a short delay, then one every `intervalMs` (never overlapping). */
  start(): void;
  /** Stops the loop, skips calls not yet started, and waits for the in-flight sweep to settle. */
  stop(): Promise<void>;
  /** One pass over every subscription. */
  sweep(): Promise<SweepReport>;
  /** Applies a reading to every subscription on that account, without calling Endicia. */
  observeBalance(reading: BalanceReading): Promise<void>;
}
