import { takeLease } from '../lib/lease.ts';
import type { LeaseStore, OnceStore, PurchaseRecord, RecoveredPurchase } from '../store/index.ts';
import type { ActorDeps } from './deps.ts';
import { recoverPendingPurchases } from './recover-pending.ts';

export interface ClaimWatchOptions {
  leases: LeaseStore;
  once: OnceStore;
  /** This instance (`POSTAGE_INSTANCE_ID`): the owner its claims record and its heartbeat names. */
  instanceId: string;
  /** The heartbeat `instance:<id>` is renewed this often (default 10 s)… */
  heartbeatMs?: number;
  /** …and lapses this long after the last renewal (default 30 s): then its claims are orphans. */
  heartbeatTtlMs?: number;
  /** Pending claims are looked at this often (default 15 s). */
  scanEveryMs?: number;
  /**
   * A claim with no owner (made by a release before owners were recorded) is an orphan once this old:
   * longer than any purchase turn, so an old-release instance still running is never "recovered".
   */
  unownedAfterMs: number;
  /** Tells the buyers (channel or DM, and the stuck modal); failures are the callee's to log. */
  announce(recovered: readonly RecoveredPurchase[]): Promise<void>;
}

/** Interrupted purchases, found and settled by whichever instance is alive. */
export interface ClaimWatch {
  /**
   * Starts the heartbeat and the periodic scan; `atStart` (listed before this instance took requests)
   * also counts this instance's own pending claims as interrupted: they are from its previous life.
   */
  start(atStart: readonly PurchaseRecord[]): Promise<void>;
  /** One scan now (tests; the timer calls it too). Resolves with the claims this instance settled. */
  scan(): Promise<number>;
  /**
   * Stops scanning and waits for a scan in progress. `release`: give the heartbeat up now (every purchase
   * of this instance has settled); otherwise it only stops being renewed, and lapses after its TTL, when
   * the claims this instance leaves pending become orphans for the others.
   */
  stop(release: boolean): Promise<void>;
}

const DEFAULTS = { heartbeatMs: 10_000, heartbeatTtlMs: 30_000, scanEveryMs: 15_000 };
// Long enough for one re-check (a status call with its timeout); renewed while it runs.
const RECOVER_TTL_MS = 120_000;
const TOLD_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * A pending claim is in flight while its owner's heartbeat lives. Once it lapses (the owner was killed,
 * or crashed), one instance — whoever takes `recover:<requestId>` — re-checks it from the balance
 * (never buys), marks it, and tells its buyer once: within heartbeat TTL + scan period of the death.
 */
export function createClaimWatch(deps: ActorDeps, options: ClaimWatchOptions): ClaimWatch {
  const { leases, instanceId } = options;
  const heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs;
  const heartbeatTtlMs = options.heartbeatTtlMs ?? DEFAULTS.heartbeatTtlMs;
  const scanEveryMs = options.scanEveryMs ?? DEFAULTS.scanEveryMs;
  let heartbeat: Awaited<ReturnType<typeof takeLease>> = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let scanning: Promise<number> | null = null;
  let stopped = false;

  const orphaned = async (record: PurchaseRecord, atStart: boolean): Promise<boolean> => {
    const owner = record.ownerInstance ?? null;
    if (owner === null) {
      return atStart || deps.now().getTime() - Date.parse(record.createdAt) >= options.unownedAfterMs;
    }
    if (owner === instanceId) return atStart;
    return (await leases.holder(`instance:${owner}`)) === undefined;
  };

  const settle = async (record: PurchaseRecord): Promise<boolean> => {
    const held = await takeLease(leases, `recover:${record.requestId}`, instanceId, {
      ttlMs: RECOVER_TTL_MS,
      waitMs: 0,
    });
    if (held === null) return false;
    try {
      // Under the lease, read again: another instance may have settled it since the list.
      const current = await deps.purchases.get(record.requestId);
      if (current?.state !== 'pending') return false;
      deps.logger.warn('re-checking a purchase whose instance stopped', {
        requestId: record.requestId,
        ownerInstance: current.ownerInstance ?? null,
      });
      const recovered = await recoverPendingPurchases(deps, [current]);
      const tell: RecoveredPurchase[] = [];
      for (const item of recovered) {
        if (await options.once.claim(`recovered:${item.record.requestId}`, TOLD_TTL_MS)) tell.push(item);
      }
      if (tell.length > 0) await options.announce(tell);
      return recovered.length > 0;
    } finally {
      await held.release().catch(() => undefined);
    }
  };

  const sweep = async (records: readonly PurchaseRecord[], atStart: boolean): Promise<number> => {
    let settled = 0;
    for (const record of records) {
      if (stopped) break;
      try {
        if ((await orphaned(record, atStart)) && (await settle(record))) settled += 1;
      } catch (error) {
        deps.logger.error('could not settle an interrupted purchase', { requestId: record.requestId, error });
      }
    }
    return settled;
  };

  const scan = (): Promise<number> => {
    if (scanning) return scanning;
    const run = (async () => sweep(await deps.purchases.listPending(), false))();
    scanning = run;
    void run.then(
      () => {
        scanning = null;
      },
      () => {
        scanning = null;
      },
    );
    return run;
  };

  return {
    async start(atStart) {
      heartbeat = await takeLease(leases, `instance:${instanceId}`, instanceId, {
        ttlMs: heartbeatTtlMs,
        waitMs: 0,
        renewEveryMs: heartbeatMs,
        onLost: (error) => deps.logger.error('could not renew this instance’s heartbeat', { error }),
      });
      if (atStart.length > 0) {
        const run = sweep(atStart, true).catch((error: unknown) => {
          deps.logger.error('could not settle interrupted purchases', { error });
          return 0;
        });
        scanning = run;
        void run.finally(() => {
          if (scanning === run) scanning = null;
        });
      }
      timer = setInterval(() => {
        scan().catch((error: unknown) =>
          deps.logger.error('could not look for interrupted purchases', { error }),
        );
      }, scanEveryMs);
      timer.unref?.();
    },
    scan,
    async stop(release) {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      await scanning?.catch(() => undefined);
      if (release) await heartbeat?.release().catch(() => undefined);
      else heartbeat?.abandon();
      heartbeat = null;
    },
  };
}
