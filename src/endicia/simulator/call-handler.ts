import { setTimeout as sleep } from 'node:timers/promises';
import type { SimContext } from './context.ts';
import type { FaultQueue } from './faults.ts';
import type { ElsCall } from './http-server.ts';
import { identify, refuseOperation, runOperation } from './operations.ts';
import { sendHtml, sendTruncatedXml, sendXml } from './replies.ts';
import { readRequest } from './request-reader.ts';
import type { SimCall } from './types.ts';

/** What the call handler needs from the simulator. */
export interface CallHandlerDeps {
  ctx: SimContext;
  faults: FaultQueue;
  latencyMs: () => number;
  now: () => Date;
  record: (call: SimCall) => void;
  /** Aborted by close(): pending waits end and nothing more is applied. */
  closing: () => AbortSignal;
}

/**
 * Answers one routed call: waits (latency), applies at most one injected fault (see faults.ts), runs the
 * operation and writes the answer. NOTE: a latency longer than the client's timeout still applies the
 * operation afterwards, which is exactly "the client timed out but the purchase went through".
 */
export function createCallHandler(deps: CallHandlerDeps): (call: ElsCall) => Promise<void> {
  return async ({ op, xml, request, response }) => {
    const fault = deps.faults.take(op);
    const delay = deps.latencyMs() + (fault?.kind === 'latency' ? (fault.ms ?? 0) : 0);
    const signal = deps.closing();
    if (delay > 0) await sleep(delay, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;

    const kind = fault?.kind === 'latency' ? undefined : fault?.kind;
    const unanswered = (): void =>
      deps.record({ op, ...identify(readRequest(xml)), status: -1, ...(kind ? { fault: kind } : {}) });
    switch (kind) {
      case 'hang':
        // Never answered: close() or the client's timeout ends the socket.
        return unanswered();
      case 'reset':
        unanswered();
        request.socket.destroy();
        return;
      case 'http-500':
        unanswered();
        return sendHtml(response, 500, 'Runtime Error', deps.now());
      case 'html':
        unanswered();
        return sendHtml(response, 200, 'Service Unavailable', deps.now());
      case 'status': {
        const refused = refuseOperation(deps.ctx, op, xml, fault?.status ?? 12130);
        const { accountId, requestId, status } = refused;
        deps.record({ op, accountId, requestId, status, fault: 'status' });
        return sendXml(response, refused.answer, deps.now());
      }
    }

    const outcome = runOperation(deps.ctx, op, xml);
    const { accountId, requestId, status } = outcome;
    deps.record({ op, accountId, requestId, status, ...(kind ? { fault: kind } : {}) });
    if (kind === 'lost-answer') {
      request.socket.destroy();
      return;
    }
    if (kind === 'truncated') return sendTruncatedXml(response, outcome.answer, deps.now());
    const answer = kind === 'rewrite' && fault?.rewrite ? fault.rewrite(outcome.answer) : outcome.answer;
    sendXml(response, answer, deps.now());
  };
}
