import type { EndiciaClient } from '../endicia/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { RememberedLogins } from '../never-lock/index.ts';
import type { CredentialStore, PurchaseStore } from '../store/index.ts';

/** A balance the wizard just read: the alert monitor counts it as a check (no extra Endicia call). */
export interface BalanceReading {
  teamId: string;
  accountId: string;
  balanceMils: number;
  at: Date;
}

/** What the wizard's actors need from the outside world. */
export interface ActorDeps {
  endicia: EndiciaClient;
  credentials: CredentialStore;
  purchases: PurchaseStore;
  logger: Logger;
  now: () => Date;
  onBalanceRead?: (reading: BalanceReading) => void;
  /** Every pass phrase sent, typed or remembered, goes through it (never lock the account). */
  remembered: RememberedLogins;
}
