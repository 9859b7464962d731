import { CodedError } from './coded-error.ts';

/**
 * The part of a lease table this helper needs (the store's `LeaseStore` satisfies it). Declared here
 * because lib may not import the store.
 */
export interface LeasePort {
  /** Takes or extends `name` for `owner` until now + `ttlMs`; false while someone else holds it. */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}

export interface TakeLeaseOptions {
  ttlMs: number;
  /** How long to wait for another holder to let go; 0 = one try. */
  waitMs: number;
  /** Renewed every this many ms while held (default a third of the TTL); 0 = never renewed. */
  renewEveryMs?: number;
  /** Told once when a renewal fails or finds the lease taken: another instance may now hold it. */
  onLost?: (error: unknown) => void;
}

/** A lease this process holds until `release()` (renewed meanwhile, so a long call keeps it). */
export interface HeldLease {
  release(): Promise<void>;
  /** Stops renewing without giving it up: it lapses after its TTL (a holder that cannot vouch any more). */
  abandon(): void;
}

/** Waited `waitMs` for a lease another instance held all along (a wiring bug, or a holder that hangs). */
export class LeaseWaitError extends CodedError {
  declare readonly code: 'LEASE_WAIT_TIMEOUT';
  readonly leaseName: string;

  constructor(name: string, waitMs: number) {
    super('LEASE_WAIT_TIMEOUT', `another instance held ${name.split(':')[0]} for more than ${waitMs} ms`);
    this.leaseName = name;
  }
}

const FIRST_BACKOFF_MS = 20;
const MAX_BACKOFF_MS = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Takes `name` for `owner`, waiting with a growing backoff while another instance holds it, and keeps it
 * renewed until released. Resolves null when `waitMs` passed without getting it. Store errors reject.
 *
 * NOTE: a lease is a promise the store keeps only until its TTL: pick TTLs longer than the work they
 * guard (renewal covers long calls, but a process frozen for a whole TTL loses it).
 */
export async function takeLease(
  port: LeasePort,
  name: string,
  owner: string,
  options: TakeLeaseOptions,
): Promise<HeldLease | null> {
  const deadline = Date.now() + options.waitMs;
  let backoff = FIRST_BACKOFF_MS;
  while (!(await port.acquire(name, owner, options.ttlMs))) {
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await sleep(Math.min(backoff, left));
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
  const every = options.renewEveryMs ?? Math.floor(options.ttlMs / 3);
  let lost = false;
  const lose = (error: unknown) => {
    if (lost) return;
    lost = true;
    options.onLost?.(error);
  };
  const timer =
    every > 0
      ? setInterval(() => {
          port.acquire(name, owner, options.ttlMs).then(
            (kept) => {
              if (!kept) lose(new Error(`${name.split(':')[0]} lease taken by another instance`));
            },
            (error: unknown) => lose(error),
          );
        }, every)
      : undefined;
  timer?.unref?.();
  let released = false;
  return {
    abandon() {
      released = true;
      if (timer !== undefined) clearInterval(timer);
    },
    async release() {
      if (released) return;
      released = true;
      if (timer !== undefined) clearInterval(timer);
      await port.release(name, owner);
    },
  };
}

/** Like {@link takeLease} but a lease not had within `waitMs` rejects with {@link LeaseWaitError}. */
export async function waitForLease(
  port: LeasePort,
  name: string,
  owner: string,
  options: TakeLeaseOptions,
): Promise<HeldLease> {
  const held = await takeLease(port, name, owner, options);
  if (held === null) throw new LeaseWaitError(name, options.waitMs);
  return held;
}
