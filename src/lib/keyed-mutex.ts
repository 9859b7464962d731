/**
 * One holder per key at a time, first come first served, within this process: a wizard session's turns,
 * a store record's read-modify-write, a subscription's alert transition. Keys with nothing pending hold no
 * memory.
 *
 * NOTE: per process only. Several instances sharing one store need the backend's own compare-and-set
 * (later work, with the Redis/PostgreSQL adapters).
 */
export interface KeyedMutex {
  /** Runs `fn` once every earlier holder of `key` has finished; its failure does not block later ones. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Resolves with a release function once every earlier holder of `key` has released: for a holder that
   * decides itself when it is done (a busy wizard turn keeps its session until the call settles).
   */
  acquire(key: string): Promise<() => void>;
  /** Resolves once no key is held or waited for. */
  idle(): Promise<void>;
}

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<unknown>>();

  const enqueue = (key: string, tail: Promise<unknown>) => {
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
  };

  return {
    run(key, fn) {
      const result = (tails.get(key) ?? Promise.resolve()).then(fn);
      enqueue(
        key,
        result.catch(() => {}),
      );
      return result;
    },
    async acquire(key) {
      const previous = tails.get(key) ?? Promise.resolve();
      let release: () => void = () => {};
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      enqueue(
        key,
        previous.then(() => mine),
      );
      await previous;
      return release;
    },
    async idle() {
      while (tails.size > 0) await Promise.all(tails.values());
    },
  };
}
