import type { Logger } from '../lib/logger.ts';

export interface ChannelQueueOptions {
  /** Least time between the starts of two calls to one channel; Slack allows about one message per second. */
  minIntervalMs?: number;
  /** Retries of one task after rate-limit answers (default 3); then its error reaches the caller. */
  maxRetries?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

/** Posts to Slack channels politely: one call at a time per channel, spaced, rate limits honoured. */
export interface ChannelQueue {
  /**
   * Runs `task` after every earlier task for `channelId`, at least `minIntervalMs` after the previous start.
   * A task that throws an error with a numeric `retryAfter` (seconds, as @slack/web-api's
   * WebAPIRateLimitedError with `rejectRateLimitedCalls: true`) is retried after that long, up to
   * `maxRetries` times. Other channels never wait for it. Resolves or rejects as the task finally does.
   */
  enqueue<T>(channelId: string, task: () => Promise<T>): Promise<T>;
}

interface Lane {
  tail: Promise<unknown>;
  /** Epoch ms before which this channel's next call must not start. */
  notBefore: number;
  pending: number;
}

// Idle lanes are only worth pruning once there are many (one per channel that ever got a message).
const PRUNE_AT = 256;

/** The seconds to wait when `error` is a rate-limit rejection, else undefined. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfter' in error)) return undefined;
  const { retryAfter } = error;
  return typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0
    ? retryAfter
    : undefined;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => globalThis.setTimeout(resolve, ms));

/** @throws RangeError for a negative `minIntervalMs` or `maxRetries` (a wiring bug). */
export function createChannelQueue(options: ChannelQueueOptions = {}): ChannelQueue {
  const minIntervalMs = options.minIntervalMs ?? 1_000;
  const maxRetries = options.maxRetries ?? 3;
  if (!(minIntervalMs >= 0) || !(maxRetries >= 0))
    throw new RangeError('minIntervalMs and maxRetries must be ≥ 0');
  const now = (): number => (options.now ?? (() => new Date()))().getTime();
  const sleep = options.sleep ?? defaultSleep;
  const lanes = new Map<string, Lane>();

  const prune = (): void => {
    const at = now();
    for (const [channelId, lane] of lanes)
      if (lane.pending === 0 && lane.notBefore <= at) lanes.delete(channelId);
  };

  const run = async <T>(channelId: string, lane: Lane, task: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      const wait = lane.notBefore - now();
      if (wait > 0) await sleep(wait);
      lane.notBefore = now() + minIntervalMs;
      try {
        return await task();
      } catch (error) {
        const seconds = retryAfterSeconds(error);
        if (seconds === undefined || attempt >= maxRetries) throw error;
        options.logger?.warn('Slack rate limited a channel call; retrying after Retry-After', {
          channelId,
          retryAfterSeconds: seconds,
          attempt: attempt + 1,
        });
        lane.notBefore = Math.max(lane.notBefore, now() + seconds * 1_000);
      }
    }
  };

  return {
    enqueue(channelId, task) {
      if (lanes.size >= PRUNE_AT) prune();
      let lane = lanes.get(channelId);
      if (lane === undefined) {
        lane = { tail: Promise.resolve(), notBefore: 0, pending: 0 };
        lanes.set(channelId, lane);
      }
      const mine = lane;
      mine.pending += 1;
      const result = mine.tail.then(() => run(channelId, mine, task));
      mine.tail = result.then(
        () => {
          mine.pending -= 1;
        },
        () => {
          mine.pending -= 1;
        },
      );
      return result;
    },
  };
}
