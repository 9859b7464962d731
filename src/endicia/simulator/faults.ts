import { SimulatorFaultError } from './errors.ts';
import type { Fault, SimOperation } from './types.ts';

/**
 * Pending faults, first injected first served. What each kind does to a matching call:
 * - latency: waits `ms`, then answers normally (the operation is applied after the wait).
 * - http-500: HTTP 500 with an ASP.NET-style HTML page; nothing applied.
 * - html: HTTP 200 with an HTML page (a proxy or maintenance page); nothing applied.
 * - truncated: applied, then the answer is cut in half (chunked, so the client sees a short body).
 * - hang: nothing applied, no answer ever; the socket stays open until the client gives up or close().
 * - reset: the connection is destroyed before anything is applied.
 * - lost-answer: applied, then the connection is destroyed without an answer.
 * - status: an error answer with `status` (e.g. 12130, 12133, 12136); nothing applied.
 * - rewrite: applied, then the answer's XML goes through `rewrite` (an answer Endicia should not give).
 */
export interface FaultQueue {
  add(fault: Fault): void;
  clear(): void;
  /** The next fault for `op`, consumed once. */
  take(op: SimOperation): Fault | undefined;
}

/** A FaultQueue over a plain array. */
export function createFaultQueue(): FaultQueue {
  let pending: { fault: Fault; left: number }[] = [];
  return {
    add(fault) {
      const times = fault.times ?? 1;
      if (!(times >= 1)) throw new SimulatorFaultError('times must be at least 1');
      if (fault.kind === 'status' && !Number.isInteger(fault.status)) {
        throw new SimulatorFaultError("a 'status' fault needs a status");
      }
      if (fault.kind === 'rewrite' && typeof fault.rewrite !== 'function') {
        throw new SimulatorFaultError("a 'rewrite' fault needs rewrite");
      }
      if (fault.kind === 'latency' && !(typeof fault.ms === 'number' && fault.ms >= 0)) {
        throw new SimulatorFaultError("a 'latency' fault needs ms");
      }
      pending.push({ fault: { ...fault }, left: times });
    },
    clear() {
      pending = [];
    },
    take(op) {
      const entry = pending.find(({ fault }) => fault.op === undefined || fault.op === op);
      if (!entry) return undefined;
      entry.left -= 1;
      if (entry.left <= 0) pending = pending.filter((other) => other !== entry);
      return entry.fault;
    },
  };
}
