import type { Logger } from '../lib/logger.ts';

/**
 * Work that continues after Slack got its ack (views.update after a slow Endicia call, receipts).
 * Tracked so a graceful shutdown can wait for it, and never left as an unhandled rejection.
 */
export interface Background {
  run(name: string, work: () => Promise<unknown>): void;
  /** Resolves when nothing is running (new work started meanwhile is awaited too). */
  drain(): Promise<void>;
  readonly size: number;
}

export function createBackground(logger: Logger): Background {
  const running = new Set<Promise<unknown>>();
  return {
    run(name, work) {
      const task = Promise.resolve()
        .then(work)
        .catch((error: unknown) => logger.error('background task failed', { task: name, error }))
        .finally(() => running.delete(task));
      running.add(task);
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    get size() {
      return running.size;
    },
  };
}
