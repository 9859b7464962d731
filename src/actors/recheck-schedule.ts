import type { Verdict } from '../lib/purchase-outcome.ts';
import type { OnceStore, PurchaseRecord } from '../store/index.ts';
import type { ActorDeps } from './deps.ts';
import { recheckPurchase } from './recheck-purchase.ts';

/** After 1, 3 and 10 minutes from the purchase: Endicia has settled it long before the last. */
export const RECHECK_AFTER_MS: readonly number[] = [60_000, 180_000, 600_000];

// A step's mark outlives every schedule (the last step is 10 minutes after the purchase).
const STEP_MARK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** What the buyer hears, once per purchase: the decision, the last undecided check, or why none can run. */
export interface RecheckNotifier {
  told(record: PurchaseRecord, verdict: Verdict): Promise<void>;
}

export interface RecheckSchedule {
  /** Re-checks `requestId` on its own at the remaining times (counted from its creation: a restart keeps them). */
  arm(requestId: string): Promise<void>;
  /** Purchases waiting for their next check, and whether none is being checked right now. */
  readonly waiting: number;
  readonly idle: boolean;
  /** Clears the timers and waits for a check in progress. */
  stop(): Promise<void>;
}

/**
 * Later re-checks of purchases whose answer was lost and whose immediate reconciliation could not decide.
 * One check at a time per purchase, in order; the first decisive one ends them (the buyer is told), and so
 * does the last one (the buyer is told it is still undecided). Ended re-checks are marked in the journal
 * so a restart does not arm them again.
 *
 * Several instances arm the same purchase (each re-arms at start-up); with `once`, each step is claimed
 * (`recheck:<id>:<step>`) and runs at one instance only. The others go on to the next step, so one that
 * dies mid-way leaves the rest of the schedule to them; the one reply comes from the closing step.
 */
export function createRecheckSchedule(
  deps: ActorDeps,
  notifier: RecheckNotifier,
  afterMs: readonly number[] = RECHECK_AFTER_MS,
  once?: OnceStore,
): RecheckSchedule {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const next = (record: PurchaseRecord, step: number) => {
    const due = Date.parse(record.createdAt) + (afterMs[step] ?? 0);
    const timer = setTimeout(
      () => {
        timers.delete(record.requestId);
        const check = run(record.requestId, step).catch((error: unknown) =>
          deps.logger.error('a later re-check of a purchase failed', { requestId: record.requestId, error }),
        );
        running.add(check);
        void check.finally(() => running.delete(check));
      },
      Math.max(0, due - deps.now().getTime()),
    );
    timer.unref?.();
    timers.set(record.requestId, timer);
  };

  const run = async (requestId: string, step: number) => {
    const record = await deps.purchases.get(requestId);
    if (stopped || record?.state !== 'unconfirmed' || record.recheckClosedAt) return;
    const last = step >= afterMs.length - 1;
    if (once !== undefined && !(await once.claim(`recheck:${requestId}:${step}`, STEP_MARK_TTL_MS))) {
      if (!last) next(record, step + 1);
      return;
    }
    const { verdict, record: seen } = await recheckPurchase(deps, record);
    // Decided elsewhere (that outcome stands, and was told there).
    if (verdict === null) return;
    // No usable login will not appear by waiting: told at once.
    if (verdict.outcome === 'unconfirmed' && verdict.why !== 'no-login' && !last) return next(seen, step + 1);
    await deps.purchases.update(requestId, { recheckClosedAt: deps.now().toISOString() });
    await notifier.told(seen, verdict);
  };

  return {
    async arm(requestId) {
      if (stopped || timers.has(requestId)) return;
      await deps.purchases
        .get(requestId)
        .then((record) => {
          if (record?.state !== 'unconfirmed' || record.recheckClosedAt || timers.has(requestId)) return;
          // Checks missed while the app was down collapse into one now; later ones keep their times.
          const age = deps.now().getTime() - Date.parse(record.createdAt);
          const overdue = afterMs.filter((ms) => ms <= age).length;
          next(record, Math.max(0, overdue - 1));
        })
        .catch((error: unknown) => deps.logger.error('could not arm a re-check', { requestId, error }));
    },
    get waiting() {
      return timers.size;
    },
    get idle() {
      return running.size === 0;
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
