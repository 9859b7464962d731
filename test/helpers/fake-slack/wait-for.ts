import { WaitForTimeoutError } from './errors.ts';

export interface WaitForOptions {
  /** Give up after this long; generous by default because CI machines are slow (10 s). */
  timeoutMs?: number;
  /** Named in the timeout error (never the recorded payloads: they may hold test secrets). */
  description?: string;
}

/** A value that counts as "not yet". */
export type NotYet = undefined | null | false;

/** Subscribes to "something changed" notifications; returns the unsubscribe function. */
export type Subscribe = (listener: () => void) => () => void;

/**
 * Resolves with the first truthy result of `probe`, checked now, after every change the fake
 * records, and every 20 ms (for conditions that depend on the clock or on the app's own state).
 * Rejects with WaitForTimeoutError after `timeoutMs`, or with whatever `probe` throws.
 */
export function waitFor<T>(
  probe: () => T | NotYet,
  subscribe: Subscribe,
  options: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const stops: Array<() => void> = [];
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      for (const stop of stops) stop();
      fn();
    };
    const check = (): void => {
      if (settled) return;
      try {
        const value = probe();
        if (value !== undefined && value !== null && value !== false) settle(() => resolve(value));
      } catch (error) {
        settle(() => reject(error));
      }
    };
    const interval = setInterval(check, 20);
    const timer = setTimeout(() => {
      settle(() => reject(new WaitForTimeoutError(options.description ?? 'condition', timeoutMs)));
    }, timeoutMs);
    stops.push(
      subscribe(check),
      () => clearInterval(interval),
      () => clearTimeout(timer),
    );
    check();
  });
}
