import type { MonitorTimers } from './types.ts';

/**
 * Where in a sweep's window an account's call starts: a deterministic jitter (FNV-1a of the key), so calls
 * are spread out rather than all at t = 0, and each account keeps roughly the same slot sweep after sweep.
 */
export function spreadOffset(key: string, spreadMs: number): number {
  if (spreadMs < 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % Math.floor(spreadMs);
}

/**
 * Waits that end early when `signal` aborts (they never reject: callers check `signal.aborted`). One abort
 * listener serves every wait, however many accounts a sweep spreads.
 */
export function createPauser(timers: MonitorTimers, signal: AbortSignal): (ms: number) => Promise<void> {
  const pending = new Map<unknown, () => void>();
  signal.addEventListener(
    'abort',
    () => {
      for (const [handle, resolve] of pending) {
        timers.clearTimeout(handle);
        resolve();
      }
      pending.clear();
    },
    { once: true },
  );
  return (ms) => {
    if (ms <= 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const handle = timers.setTimeout(() => {
        pending.delete(handle);
        resolve();
      }, ms);
      pending.set(handle, resolve);
    });
  };
}

/** The global timers, looked up at each call so fake timers installed later still apply. */
export const globalTimers: MonitorTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
