import type { WebClient } from '@slack/web-api';
import type { BotDeps } from '../deps.ts';
import { finishDecision } from './finish-decision.ts';

/**
 * Requests past their 24 hours: each moves out of pending once (compare-and-set), its pass phrase is
 * deleted, the message edited and the requester told. Returns how many expired now.
 */
export async function expireApprovals(client: WebClient, deps: BotDeps): Promise<number> {
  const at = deps.now().toISOString();
  let count = 0;
  for (const request of await deps.approvals.listExpired(at)) {
    const decided = await deps.approvals.decide(request.requestId, {
      state: 'expired',
      decidedBy: null,
      reason: null,
      at,
    });
    if (!decided) continue;
    count += 1;
    await finishDecision(client, deps, decided.request, null);
  }
  return count;
}
