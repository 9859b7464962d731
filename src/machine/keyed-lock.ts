/**
 * One holder per key at a time, first come first served: a wizard session's turns never interleave.
 * The holder decides when to release, so a busy turn can keep its session locked until it settles.
 */
export interface KeyedLock {
  /** Resolves with a release function once every earlier holder of `key` has released. */
  acquire(key: string): Promise<() => void>;
  /** Resolves once no key is held or waited for. */
  idle(): Promise<void>;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();

  return {
    async acquire(key) {
      const previous = tails.get(key) ?? Promise.resolve();
      let release: () => void = () => {};
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => mine);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      await previous;
      return release;
    },
    async idle() {
      while (tails.size > 0) await Promise.all(tails.values());
    },
  };
}
