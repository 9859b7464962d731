/** At most `limit` holders at once; waiters are served first come, first served. */
export interface Semaphore {
  /** Resolves with a release function once a slot is free; call it exactly once. */
  acquire(): Promise<() => void>;
  /** Holders right now (for tests and reports). */
  readonly active: number;
}

/** @throws RangeError when `limit` is not a positive integer (a wiring bug, caught at start-up). */
export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('concurrency must be a positive integer');
  let active = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    const next = waiting.shift();
    // Hand the slot straight to the next waiter, so a newcomer can never overtake the queue.
    if (next) next();
    else active -= 1;
  };

  return {
    get active() {
      return active;
    },
    acquire() {
      const once = (): (() => void) => {
        let released = false;
        return () => {
          if (released) return;
          released = true;
          release();
        };
      };
      if (active < limit) {
        active += 1;
        return Promise.resolve(once());
      }
      return new Promise((resolve) => waiting.push(() => resolve(once())));
    },
  };
}
