import { type LeasePort, waitForLease } from '../lib/lease.ts';
import type { TurnLockPort } from './runner.ts';

/** A lease table that can also say who holds a lease (the store's `LeaseStore`). */
export interface TurnLeasePort extends LeasePort {
  holder(name: string): Promise<{ owner: string } | undefined>;
}

export interface TurnLeaseOptions {
  /** This instance (`POSTAGE_INSTANCE_ID`). */
  owner: string;
  /** Longer than the longest turn (the Endicia timeout and its follow-up calls); renewed while held. */
  ttlMs: number;
  /** How long a turn waits for another instance's before giving up (a holder renews only while alive). */
  waitMs: number;
}

/** One wizard turn at a time per session across instances: the lease `turn:<sessionId>`. */
export function turnLeases(leases: TurnLeasePort, options: TurnLeaseOptions): TurnLockPort {
  const name = (sessionId: string) => `turn:${sessionId}`;
  return {
    async acquire(sessionId) {
      const held = await waitForLease(leases, name(sessionId), options.owner, {
        ttlMs: options.ttlMs,
        waitMs: options.waitMs,
      });
      return () => held.release();
    },
    async heldElsewhere(sessionId) {
      const holder = await leases.holder(name(sessionId));
      return holder !== undefined && holder.owner !== options.owner;
    },
  };
}
