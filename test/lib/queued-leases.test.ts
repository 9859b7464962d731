import { describe, expect, it } from 'vitest';
import { type LeasePort, takeLease } from '../../src/lib/lease.ts';
import { queuedLeases } from '../../src/lib/queued-leases.ts';

/** A lease table in memory (the store's semantics: free, expired or already ours = taken), counting tries. */
function memoryLeases() {
  const rows = new Map<string, { owner: string; expires: number }>();
  const tries: string[] = [];
  const port: LeasePort = {
    async acquire(name, owner, ttlMs) {
      tries.push(owner);
      const row = rows.get(name);
      if (row && row.owner !== owner && row.expires > Date.now()) return false;
      rows.set(name, { owner, expires: Date.now() + ttlMs });
      return true;
    },
    async release(name, owner) {
      if (rows.get(name)?.owner === owner) rows.delete(name);
    },
  };
  return { port, rows, tries };
}

const options = { ttlMs: 15_000, waitMs: 5_000, renewEveryMs: 0 };

describe('queued leases (one process’s contenders queue instead of polling)', () => {
  it('hands the lease to local contenders in order, each trying the store once', async () => {
    const { port, tries } = memoryLeases();
    const leases = queuedLeases(port, { maxWaitMs: 5_000 });
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map(async (owner) => {
        const held = await takeLease(leases, 'spend:T1', owner, options);
        order.push(owner);
        // Hold across a real turn of the event loop, where a poller would have found it taken.
        await new Promise((resolve) => setTimeout(resolve, 5));
        await held?.release();
      }),
    );
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(tries).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a holder renewing passes straight through the queue', async () => {
    const { port } = memoryLeases();
    const leases = queuedLeases(port, { maxWaitMs: 5_000 });
    expect(await leases.acquire('spend:T1', 'a', 1_000)).toBe(true);
    const waiting = leases.acquire('spend:T1', 'b', 1_000);
    expect(await leases.acquire('spend:T1', 'a', 1_000)).toBe(true);
    await leases.release('spend:T1', 'a');
    expect(await waiting).toBe(true);
  });

  it('another instance holding it: local contenders are refused by the store, and the queue moves on', async () => {
    const { port, rows } = memoryLeases();
    rows.set('spend:T1', { owner: 'other-instance', expires: Date.now() + 60_000 });
    const leases = queuedLeases(port, { maxWaitMs: 5_000 });
    const got = await Promise.all(['a', 'b', 'c'].map((owner) => leases.acquire('spend:T1', owner, 1_000)));
    expect(got).toEqual([false, false, false]);
  });

  it('a holder that never releases stops holding the queue once its TTL has passed', async () => {
    const { port } = memoryLeases();
    const leases = queuedLeases(port, { maxWaitMs: 5_000 });
    expect(await leases.acquire('spend:T1', 'gone', 30)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await leases.acquire('spend:T1', 'next', 1_000)).toBe(true);
  });

  it('a contender waits at most maxWaitMs for the queue, then asks the store itself', async () => {
    const { port } = memoryLeases();
    const leases = queuedLeases(port, { maxWaitMs: 30 });
    expect(await leases.acquire('spend:T1', 'slow', 60_000)).toBe(true);
    // The store still says taken: refused, not stuck behind the local holder.
    expect(await leases.acquire('spend:T1', 'next', 1_000)).toBe(false);
    await leases.release('spend:T1', 'slow');
    expect(await leases.acquire('spend:T1', 'next', 1_000)).toBe(true);
  });
});
