import { createKeyedMutex } from './keyed-mutex.ts';
import type { LeasePort } from './lease.ts';

/**
 * A lease table where this process's contenders for one lease queue for it (first come, first served)
 * instead of polling the store with a growing backoff: the holder's release hands it straight to the
 * next in line. Other instances still contend through the store, which stays the only authority.
 *
 * Why: a lease that every purchase of a workspace takes (`spend:<team>`) turned a burst in one workspace
 * into a hundred pollers backing off up to 500 ms each (issue 17). A renewal (the holder acquiring again)
 * passes straight through. A holder that never releases (abandoned, or its TTL ran out) stops holding the
 * queue once its TTL has passed; a contender waits at most `maxWaitMs` for the queue, then tries the store
 * anyway.
 */
export function queuedLeases<P extends LeasePort>(port: P, options: { maxWaitMs: number }): P {
  const queue = createKeyedMutex();
  const holders = new Map<string, { owner: string; until: number; leave: () => void }>();

  const drop = (name: string) => {
    const holder = holders.get(name);
    if (holder === undefined) return;
    holders.delete(name);
    holder.leave();
  };

  async function inLine(name: string): Promise<(() => void) | undefined> {
    const stale = holders.get(name);
    if (stale !== undefined && stale.until <= Date.now()) drop(name);
    const turn = queue.acquire(name);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), options.maxWaitMs);
    });
    const leave = await Promise.race([turn, late]);
    clearTimeout(timer);
    // Gave up waiting: when the turn comes after all, pass it on at once.
    if (leave === undefined) void turn.then((release) => release());
    return leave;
  }

  const queued: LeasePort = {
    async acquire(name, owner, ttlMs) {
      const holder = holders.get(name);
      if (holder?.owner === owner) {
        const kept = await port.acquire(name, owner, ttlMs);
        if (kept) holder.until = Date.now() + ttlMs;
        return kept;
      }
      const leave = await inLine(name);
      let got = false;
      try {
        got = await port.acquire(name, owner, ttlMs);
      } finally {
        if (got && leave !== undefined) holders.set(name, { owner, until: Date.now() + ttlMs, leave });
        else leave?.();
      }
      return got;
    },
    async release(name, owner) {
      try {
        await port.release(name, owner);
      } finally {
        if (holders.get(name)?.owner === owner) drop(name);
      }
    },
  };
  return new Proxy(port, {
    get: (target, prop, receiver) =>
      prop === 'acquire' || prop === 'release' ? queued[prop] : Reflect.get(target, prop, receiver),
  });
}
