import { setMaxListeners } from 'node:events';
import { createReadingApplier } from './apply-reading.ts';
import type { Ineligible } from './groups.ts';
import { createSemaphore } from './semaphore.ts';
import { globalTimers } from './spread.ts';
import { runSweep } from './sweep.ts';
import type { AlertMonitor, MonitorDeps, SweepReport } from './types.ts';

const DEFAULT_CONCURRENCY = 4;
const MAX_SPREAD_MS = 60_000;
const MAX_FIRST_DELAY_MS = 5_000;

/**
 * The low-balance alert monitor: a sweep every `intervalMs` (one status call per account, bounded and
 * spread), plus `observeBalance` for readings the wizard already made. Transitions only (see
 * machine/low-balance.ts); state lives in the AlertStore, so a new monitor over the same store carries on.
 *
 * Nothing starts at construction; `start()` begins the loop. Slack reaches it only through `notifier`.
 * @throws RangeError when `intervalMs` or `concurrency` is not positive (a wiring bug).
 */
export function createAlertMonitor(deps: MonitorDeps): AlertMonitor {
  if (!(deps.intervalMs > 0)) throw new RangeError('intervalMs must be positive');
  const timers = deps.timers ?? globalTimers;
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const semaphore = createSemaphore(concurrency);
  const spreadMs = Math.max(0, deps.spreadMs ?? Math.min(deps.intervalMs / 2, MAX_SPREAD_MS));
  const firstDelayMs = deps.firstSweepDelayMs ?? Math.min(deps.intervalMs, MAX_FIRST_DELAY_MS);
  const applier = createReadingApplier(deps);
  const ineligible = new Map<string, Ineligible>();
  const observing = new Set<Promise<void>>();

  let running = false;
  let timer: unknown;
  let current: { promise: Promise<SweepReport>; controller: AbortController } | null = null;

  const sweep = (): Promise<SweepReport> => {
    // A sweep asked for while one runs joins it: still one status call per account per sweep.
    if (current) return current.promise;
    const controller = new AbortController();
    // Every in-flight status call listens on this signal (plus the spread's one listener): a known bound.
    setMaxListeners(Math.max(10, concurrency * 3 + 1), controller.signal);
    const promise = runSweep({
      deps,
      applier,
      semaphore,
      timers,
      spreadMs,
      signal: controller.signal,
      ineligible,
    });
    const entry = { promise, controller };
    current = entry;
    const clear = (): void => {
      if (current === entry) current = null;
    };
    promise.then(clear, clear);
    if (deps.onSweep) promise.then(deps.onSweep, () => {});
    return promise;
  };

  const schedule = (ms: number): void => {
    timer = timers.setTimeout(tick, ms);
  };

  function tick(): void {
    timer = undefined;
    const startedAt = deps.now().getTime();
    sweep()
      .then(
        (report) => deps.logger.info('low-balance sweep done', { ...report }),
        (error: unknown) => deps.logger.error('low-balance sweep failed', { error }),
      )
      .finally(() => {
        // A stop() and start() while this sweep ran may already have scheduled the next one.
        if (running && timer === undefined)
          schedule(Math.max(0, deps.intervalMs - (deps.now().getTime() - startedAt)));
      });
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(firstDelayMs);
    },

    async stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      const inFlight = current;
      inFlight?.controller.abort();
      await Promise.allSettled([inFlight?.promise, ...observing]);
    },

    sweep,

    observeBalance(reading) {
      const work = (async () => {
        try {
          // Only this account's subscriptions are read (and opened): not every one on each wizard reading.
          const mine = await deps.alerts.listByAccount(reading.teamId, reading.accountId);
          await Promise.all(mine.map((sub) => applier.apply(sub, reading.balanceMils, reading.at)));
        } catch (error) {
          // NOTE: the wizard calls this fire-and-forget; a rejection here would be unhandled.
          deps.logger.error('balance reading could not be applied to alerts', {
            teamId: reading.teamId,
            accountId: reading.accountId,
            error,
          });
        }
      })();
      observing.add(work);
      void work.finally(() => observing.delete(work));
      return work;
    },
  };
}
