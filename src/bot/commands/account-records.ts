import type { BotDeps } from '../deps.ts';
import { forgetMessage, historyMessage } from '../messages/index.ts';
import type { Reply } from './reply.ts';

/** `/postage forget`: deletes the remembered login and says which alerts can no longer check. */
export async function forgetCommand(deps: BotDeps, who: { teamId: string; userId: string }): Promise<Reply> {
  // Reads first, then the one write: a store that cannot write leaves everything as it was.
  const watching = await deps.alerts.listByOwner(who.teamId, who.userId);
  const hadCredentials = await deps.credentials.delete(who.teamId, who.userId);
  return forgetMessage({
    hadCredentials,
    alertChannels: watching.map((sub) => sub.channelId),
    environmentLabel: deps.environmentLabel,
  });
}

/** `/postage history`: the caller's recent purchases through the bot, newest first. */
export async function historyCommand(deps: BotDeps, who: { teamId: string; userId: string }): Promise<Reply> {
  const records = await deps.purchases.listByUser(who.teamId, who.userId, 10);
  return historyMessage(records, { environmentLabel: deps.environmentLabel });
}
