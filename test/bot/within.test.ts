import { afterEach, describe, expect, it, vi } from 'vitest';
import { within } from '../../src/bot/within.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('within', () => {
  it('gives the value when the promise settles in time', async () => {
    expect(await within(Promise.resolve(7), 1_000)).toEqual({ done: true, value: 7 });
  });

  it('gives up after the time without stopping the promise', async () => {
    vi.useFakeTimers();
    let resolve: (value: number) => void = () => {};
    const slow = new Promise<number>((r) => {
      resolve = r;
    });
    const answer = within(slow, 50);
    await vi.advanceTimersByTimeAsync(50);
    expect(await answer).toEqual({ done: false });
    resolve(3);
    expect(await slow).toBe(3);
  });

  it('passes on a rejection in time, and a late rejection never becomes an unhandled one', async () => {
    await expect(within(Promise.reject(new Error('early')), 1_000)).rejects.toThrow('early');
    vi.useFakeTimers();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let reject: (error: Error) => void = () => {};
      const late = new Promise<number>((_, r) => {
        reject = r;
      });
      late.catch(() => {}); // the caller's own handling of the original promise
      const answer = within(late, 10);
      await vi.advanceTimersByTimeAsync(10);
      expect(await answer).toEqual({ done: false });
      reject(new Error('late'));
      vi.useRealTimers();
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
