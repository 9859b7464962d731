import { clientResolver, type SlackClients } from '../clients.ts';
import type { BotDeps } from '../deps.ts';
import { finishDecision } from './finish-decision.ts';

/**
 * Requests past their 24 hours: each moves out of pending once (compare-and-set), its pass phrase is
 * deleted, the message edited and the requester told with the workspace's own client (OAuth mode: none
 * when the app was uninstalled there; the request still expires). Returns how many expired now.
 */
export async function expireApprovals(clients: SlackClients, deps: BotDeps): Promise<number> {
  const clientFor = clientResolver(clients);
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
    const client = await clientFor(request.teamId);
    if (client) await finishDecision(client, deps, decided.request, null);
  }
  return count;
}
