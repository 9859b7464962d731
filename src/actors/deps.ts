import type { EndiciaClient } from '../endicia/index.ts';
import type { LeasePort } from '../lib/lease.ts';
import type { Logger } from '../lib/logger.ts';
import type { BalanceReading, SpendingGate } from '../machine/index.ts';
import type { RememberedLogins } from '../never-lock/index.ts';
import type { AuditStore, BalanceReadingStore, CredentialStore, PurchaseStore } from '../store/index.ts';

/** What the wizard's actors need from the outside world. */
export interface ActorDeps {
  endicia: EndiciaClient;
  credentials: CredentialStore;
  purchases: PurchaseStore;
  /** The balances read before (runway forecasts). */
  balanceReadings: BalanceReadingStore;
  logger: Logger;
  now: () => Date;
  onBalanceRead?: (reading: BalanceReading) => void;
  /** This instance (`POSTAGE_INSTANCE_ID`), recorded on each purchase claim as its owner. */
  instanceId?: string;
  /** Every pass phrase sent, typed or remembered, goes through it (never lock the account). */
  remembered: RememberedLogins;
  /** Buyers and limits, checked before every BuyPostage; absent = no team controls (unit tests). */
  spending?: SpendingGate;
  /**
   * Several instances on one store: the workspace's `spend:<team>` lease is held from the limits check
   * to the journal claim, so two purchases at once cannot both pass a limit only one fits under.
   */
  spendLease?: { leases: LeasePort; ttlMs: number; waitMs: number };
  /** The audit trail: every purchase outcome is a record; absent in unit tests. */
  audit?: AuditStore;
}
