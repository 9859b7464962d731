import type { Logger } from '../lib/logger.ts';
import { DAY_MS, type DigestOccurrence, dueDigest, type WeeklyDigest } from '../machine/index.ts';
import type { AlertStore, AlertSubscription, OnceStore } from '../store/index.ts';
import { globalTimers } from './spread.ts';
import type { MonitorTimers } from './types.ts';
import { type GatherDigestDeps, gatherDigest } from './weekly-digest.ts';

/**
 * Posts one digest in the subscription's channel with the workspace's own client; false = not posted
 * (the poster logged why). Must not throw.
 */
export type DigestPoster = (
  sub: AlertSubscription,
  digest: WeeklyDigest,
  occurrence: DigestOccurrence,
) => Promise<boolean>;

export interface DigestSchedulerDeps extends GatherDigestDeps {
  alerts: Pick<AlertStore, 'listDigests'>;
  /** Once-marks shared by every instance: one digest per channel and local week. */
  once: OnceStore;
  post: DigestPoster;
  logger: Logger;
  now: () => Date;
  /** How often due digests are looked for (default a minute: a digest is posted within it of its hour). */
  everyMs?: number;
  /** Before the first look after start() (default 5 s): a digest missed while no instance ran goes out then. */
  firstDelayMs?: number;
  timers?: MonitorTimers;
}

/** What one look did. */
export interface DigestReport {
  /** Digests due now that this instance had not settled yet. */
  due: number;
  posted: number;
  /** Claimed here, then refused by Slack (or no client): logged, not retried. */
  failed: number;
  /** Another instance (or this one's earlier life) already had the week's mark. */
  elsewhere: number;
  /** Due but their week could not be read or claimed (the store failed): looked at again next time. */
  errors: number;
}

export interface DigestScheduler {
  start(): void;
  /** Stops the loop and waits for a look in progress. */
  stop(): Promise<void>;
  /** One look now (tests and the loop); a look asked for while one runs joins it. */
  run(): Promise<DigestReport>;
}

// The week's mark outlives its week and the day a late digest may take; marks are per week, never reused.
const MARK_TTL_MS = 8 * DAY_MS;

/** The once-mark of one channel's digest for one local week. */
export function digestMark(sub: Pick<AlertSubscription, 'teamId' | 'channelId'>, week: string): string {
  return `digest:${sub.teamId}:${sub.channelId}:${week}`;
}

/**
 * The weekly digest's clock. Every `everyMs` it lists the subscriptions with a digest set, and for each
 * whose weekday and hour (in its time zone) passed less than 24 hours ago, reads the week, claims the
 * week's once-mark and posts. Exactly one instance claims a mark, so a digest is posted at most once per
 * channel and week across instances and restarts; a digest missed while no instance ran is posted by the
 * first one to start within 24 hours of its hour. A post that fails after the claim is logged and not
 * retried (a channel the bot cannot post in is not tried again every minute); that week's digest is lost.
 */
export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const timers = deps.timers ?? globalTimers;
  const everyMs = deps.everyMs ?? 60_000;
  if (!(everyMs > 0)) throw new RangeError('everyMs must be positive');
  // Marks this instance settled (claimed or found taken): not claimed again every minute of their day.
  let settled = new Set<string>();
  let current: Promise<DigestReport> | null = null;
  let running = false;
  let timer: unknown;

  const look = async (): Promise<DigestReport> => {
    const report: DigestReport = { due: 0, posted: 0, failed: 0, elsewhere: 0, errors: 0 };
    const nowMs = deps.now().getTime();
    const subs = await deps.alerts.listDigests();
    const stillDue = new Set<string>();
    for (const sub of subs) {
      if (sub.digestWeekday == null || sub.digestHour == null) continue;
      const created = Date.parse(sub.createdAt);
      const occurrence = dueDigest(
        { weekday: sub.digestWeekday, hour: sub.digestHour, timeZone: sub.digestTimeZone ?? 'UTC' },
        nowMs,
        Number.isFinite(created) ? created : 0,
      );
      if (occurrence === null) continue;
      const mark = digestMark(sub, occurrence.week);
      stillDue.add(mark);
      if (settled.has(mark)) continue;
      report.due += 1;
      try {
        // Read before the claim: a store that fails here leaves the week unclaimed for the next look.
        const digest = await gatherDigest(deps, sub, nowMs);
        const claimed = await deps.once.claim(mark, MARK_TTL_MS);
        settled.add(mark);
        if (!claimed) {
          report.elsewhere += 1;
          continue;
        }
        if (await deps.post(sub, digest, occurrence)) report.posted += 1;
        else report.failed += 1;
      } catch (error) {
        report.errors += 1;
        deps.logger.error('weekly digest could not be prepared', {
          teamId: sub.teamId,
          channelId: sub.channelId,
          error,
        });
      }
    }
    // Past their day, marks cannot come due again: the set stays as small as the digests due now.
    settled = new Set([...settled].filter((mark) => stillDue.has(mark)));
    return report;
  };

  const run = (): Promise<DigestReport> => {
    if (current) return current;
    const promise = look();
    current = promise;
    const clear = () => {
      if (current === promise) current = null;
    };
    promise.then(clear, clear);
    return promise;
  };

  const schedule = (ms: number): void => {
    timer = timers.setTimeout(tick, ms);
  };
  function tick(): void {
    timer = undefined;
    run()
      .then(
        (report) => {
          if (report.due > 0) deps.logger.info('weekly digests looked at', { ...report });
        },
        (error: unknown) => deps.logger.error('weekly digests could not be listed', { error }),
      )
      .finally(() => {
        if (running && timer === undefined) schedule(everyMs);
      });
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(deps.firstDelayMs ?? Math.min(everyMs, 5_000));
    },
    async stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      await current?.catch(() => undefined);
    },
    run,
  };
}
