import type { Failure } from './errors.ts';

/** One automatic reload (issue 15): the alert owner's remembered login buys `amountCents` unattended. */
export interface ReloadInput {
  /** Derived from the workspace, channel and crossing: every instance and restart derives the same. */
  requestId: string;
  teamId: string;
  /** The alert's owner: the purchase is theirs (limits, journal, audit). */
  userId: string;
  channelId: string;
  accountId: string;
  amountCents: number;
  /** The balance the sweep just read (the purchase's baseline), and when. */
  balanceMils: number;
  readAt: string;
}

/** How an automatic reload ended. */
export type ReloadOutcome =
  | { kind: 'bought'; transactionId: string | null; balanceAfterMils: number }
  /** Not bought: limits, a refused login or purchase, nothing sent. `spending` = the limits said no. */
  | { kind: 'refused'; failure: Failure; spending: boolean }
  /** The answer was lost: the journal says unconfirmed; the later re-checks settle it. */
  | { kind: 'unconfirmed' }
  /** The journal already held this request id (another instance, or an earlier run): nothing done here. */
  | { kind: 'taken' };

export type BuyReload = (input: ReloadInput) => Promise<ReloadOutcome>;
