import type { Failure } from './errors.ts';

/** A purchase an approver said yes to, bought with the requester's login (held sealed until now). */
export interface ApprovedPurchaseInput {
  /** The approval request's id: also the journal's, so a second approval can never buy again. */
  requestId: string;
  teamId: string;
  /** The requester: the purchase is theirs (limits, journal, receipt). */
  userId: string;
  channelId: string | null;
  accountId: string;
  passPhrase: string;
  amountCents: number;
}

/** How an approved purchase ended. */
export type ApprovedPurchaseOutcome =
  | { kind: 'bought'; transactionId: string | null; balanceAfterMils: number; message: string | null }
  | { kind: 'refused'; failure: Failure }
  /** The answer was lost: the journal says unconfirmed and the later re-checks settle it. */
  | { kind: 'unconfirmed' };

/** Runs an approved purchase through the same journal-first, once-only path as the wizard's. */
export type BuyApproved = (input: ApprovedPurchaseInput) => Promise<ApprovedPurchaseOutcome>;
