import type { BotDeps } from '../deps.ts';
import { alertsPausedNotice, forgetMessage, HISTORY_SHOWN, historyMessage } from '../messages/index.ts';
import { pauseOf } from './alert-pause.ts';
import type { ChannelNote } from './alerts.ts';
import type { Reply } from './postage.ts';

/**
 * `/postage forget`: deletes the remembered login and says which alerts it pauses; each of those channels
 * is told too (once: only when a login was really deleted), so none believes it is still watched.
 */
export async function forgetCommand(
  deps: BotDeps,
  who: { teamId: string; userId: string },
  note: ChannelNote = () => {},
): Promise<Reply> {
  const before = await deps.credentials.get(who.teamId, who.userId);
  const hadCredentials = await deps.credentials.delete(who.teamId, who.userId);
  const watching = await deps.alerts.listByOwner(who.teamId, who.userId);
  for (const sub of watching) {
    // Already paused for another reason (another account remembered): forgetting changes nothing there.
    if (hadCredentials && before !== undefined && pauseOf(sub, before) === null) {
      note(sub.channelId, alertsPausedNotice(sub, { kind: 'forgotten' }, deps.environmentLabel));
    }
  }
  return forgetMessage({
    hadCredentials,
    alertChannels: watching.map((sub) => sub.channelId),
    environmentLabel: deps.environmentLabel,
  });
}

/** `/postage history`: the caller's recent purchases through the bot, newest first. */
export async function historyCommand(deps: BotDeps, who: { teamId: string; userId: string }): Promise<Reply> {
  const [records, total] = await Promise.all([
    deps.purchases.listByUser(who.teamId, who.userId, HISTORY_SHOWN),
    deps.purchases.countByUser(who.teamId, who.userId),
  ]);
  return historyMessage(records, { environmentLabel: deps.environmentLabel, total });
}
