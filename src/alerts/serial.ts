/**
 * Runs async work one at a time per key, in call order: the sweep and a wizard reading never apply to one
 * subscription at the same time (no double alert). Keys with nothing pending hold no memory.
 */
export interface KeyedSerial {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export function createKeyedSerial(): KeyedSerial {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, fn) {
      const result = (tails.get(key) ?? Promise.resolve()).then(fn);
      const tail = result.catch(() => {});
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
