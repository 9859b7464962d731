import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChannelQueue, retryAfterSeconds } from '../../src/alerts/index.ts';

const START = new Date('2026-03-01T12:00:00Z').getTime();

class RateLimited extends Error {
  readonly retryAfter: number;
  constructor(retryAfter: number) {
    super('rate limited');
    this.retryAfter = retryAfter;
  }
}

/** A task that records when (ms after START) each attempt ran, failing as scripted. */
function recorder() {
  const runs: Array<{ name: string; at: number }> = [];
  const task =
    (name: string, failures: Error[] = []) =>
    async () => {
      runs.push({ name, at: Date.now() - START });
      const failure = failures.shift();
      if (failure) throw failure;
      return name;
    };
  return { runs, task };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('channel queue', () => {
  it('runs one channel’s tasks one at a time, at least minIntervalMs apart; other channels do not wait', async () => {
    const queue = createChannelQueue({ minIntervalMs: 1_000 });
    const { runs, task } = recorder();
    const results = Promise.all([
      queue.enqueue('C1', task('a')),
      queue.enqueue('C1', task('b')),
      queue.enqueue('C2', task('x')),
      queue.enqueue('C1', task('c')),
    ]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await results).toEqual(['a', 'b', 'x', 'c']);
    expect(runs).toEqual([
      { name: 'a', at: 0 },
      { name: 'x', at: 0 },
      { name: 'b', at: 1_000 },
      { name: 'c', at: 2_000 },
    ]);
  });

  it('a task enqueued after a quiet spell runs at once', async () => {
    const queue = createChannelQueue({ minIntervalMs: 1_000 });
    const { runs, task } = recorder();
    await queue.enqueue('C1', task('a'));
    await vi.advanceTimersByTimeAsync(3_000);
    await queue.enqueue('C1', task('b'));
    expect(runs.map((run) => run.at)).toEqual([0, 3_000]);
  });

  it('honours Retry-After: retries that task after the wait, and later tasks in the channel wait too', async () => {
    const queue = createChannelQueue({ minIntervalMs: 1_000 });
    const { runs, task } = recorder();
    const results = Promise.all([
      queue.enqueue('C1', task('a', [new RateLimited(5)])),
      queue.enqueue('C1', task('b')),
      queue.enqueue('C2', task('x')),
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await results).toEqual(['a', 'b', 'x']);
    expect(runs).toEqual([
      { name: 'a', at: 0 },
      { name: 'x', at: 0 },
      { name: 'a', at: 5_000 },
      { name: 'b', at: 6_000 },
    ]);
  });

  it('gives up after maxRetries rate limits and hands the error to the caller', async () => {
    const queue = createChannelQueue({ minIntervalMs: 1_000, maxRetries: 3 });
    const { runs, task } = recorder();
    const failures = Array.from({ length: 10 }, () => new RateLimited(2));
    const outcome = queue.enqueue('C1', task('a', failures)).catch((error: unknown) => error);
    const next = queue.enqueue('C1', task('b'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await outcome).toBeInstanceOf(RateLimited);
    expect(await next).toBe('b');
    expect(runs.map((run) => `${run.name}@${run.at}`)).toEqual([
      'a@0',
      'a@2000',
      'a@4000',
      'a@6000',
      'b@7000',
    ]);
  });

  it('other errors are not retried and do not stop the channel', async () => {
    const queue = createChannelQueue({ minIntervalMs: 1_000 });
    const { runs, task } = recorder();
    const failed = queue
      .enqueue('C1', task('a', [new Error('channel_not_found')]))
      .catch((e: Error) => e.message);
    const next = queue.enqueue('C1', task('b'));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await failed).toBe('channel_not_found');
    expect(await next).toBe('b');
    expect(runs).toHaveLength(2);
  });

  it('uses the injected clock and sleep', async () => {
    vi.useRealTimers();
    let now = START;
    const sleeps: number[] = [];
    const queue = createChannelQueue({
      now: () => new Date(now),
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    });
    await Promise.all([queue.enqueue('C1', async () => 1), queue.enqueue('C1', async () => 2)]);
    expect(sleeps).toEqual([1_000]);
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    [new RateLimited(3), 3],
    [{ retryAfter: 0 }, 0],
    [{ retryAfter: '3' }, undefined],
    [{ retryAfter: Number.NaN }, undefined],
    [{ retryAfter: -1 }, undefined],
    [new Error('x'), undefined],
    [null, undefined],
  ])('%o → %o', (error, expected) => {
    expect(retryAfterSeconds(error)).toBe(expected);
  });
});
