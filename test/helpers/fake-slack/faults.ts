/** A scheduled misbehaviour for the next call of a Web API method. */
export type Fault = { kind: 'rate_limited'; retryAfterSec: number } | { kind: 'error'; error: string };

export interface RateLimitOptions {
  /** How many consecutive calls answer 429. */
  times: number;
  /** Value of the `Retry-After` header (seconds). */
  retryAfterSec: number;
}

/** Fault injection per Web API method, consumed in order, one per call. */
export interface Faults {
  rateLimit(method: string, options: RateLimitOptions): void;
  failNext(method: string, error: string, times?: number): void;
  /** The fault for this call of `method`, if one is scheduled (and consumes it). */
  take(method: string): Fault | undefined;
  reset(): void;
}

/** Creates an empty fault schedule. */
export function createFaults(): Faults {
  const queues = new Map<string, Fault[]>();
  const add = (method: string, fault: Fault, times: number): void => {
    const queue = queues.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    queues.set(method, queue);
  };
  return {
    rateLimit: (method, { times, retryAfterSec }) =>
      add(method, { kind: 'rate_limited', retryAfterSec }, times),
    failNext: (method, error, times = 1) => add(method, { kind: 'error', error }, times),
    take: (method) => queues.get(method)?.shift(),
    reset: () => queues.clear(),
  };
}
