/**
 * Group commit: many callers, one sync. `sync()` resolves once a sync that *started after the call* has
 * finished, so whatever the caller committed before calling it is on disk. Callers arriving in the same
 * turn of the event loop, or while a sync runs, share the next one (a burst of 100 purchase claims costs
 * a few fsyncs, not 100). A failed sync rejects every caller waiting on it.
 *
 * The batch starts on `setImmediate`: every claim whose commit lands in this turn of the event loop joins
 * it, at the cost of one loop turn of latency for the first.
 */
export function createGroupSync(syncOnce: () => Promise<void>): () => Promise<void> {
  let previous: Promise<unknown> = Promise.resolve();
  let batch: Promise<void> | undefined;
  return () => {
    if (batch !== undefined) return batch;
    const mine = previous
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        // From here on a commit may land after the sync began: later callers form the next batch.
        batch = undefined;
        return syncOnce();
      });
    batch = mine;
    previous = mine.catch(() => undefined);
    return mine;
  };
}
