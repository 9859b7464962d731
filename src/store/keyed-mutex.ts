/**
 * Serializes async work per key within this process: `run(key, fn)` starts `fn` only after every
 * earlier `run` for the same key has settled. Keys with no pending work hold no memory.
 *
 * NOTE: per process only. Several instances sharing one store need the backend's own
 * compare-and-set (later work, with the Redis/PostgreSQL adapters).
 */
export interface KeyedMutex {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, fn) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(fn);
      const tail = result.catch(() => {});
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
