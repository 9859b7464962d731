import type { EndiciaClient } from '../endicia/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { CredentialStore, PurchaseStore } from '../store/index.ts';
import type { RememberedGuard } from './remembered-guard.ts';

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
  /** Serializes and remembers refusals of remembered pass phrases (never lock the account). */
  remembered: RememberedGuard;
}
