import type { AlertSubscription, RememberedCredentials } from '../../store/index.ts';
import type { BotDeps } from '../deps.ts';
import { alertsPausedNotice, forgetMessage, HISTORY_SHOWN, historyMessage } from '../messages/index.ts';
import { pauseOf } from './alert-pause.ts';
import type { ChannelNote } from './alerts.ts';
import type { Reply } from './reply.ts';

/**
 * `/postage forget`: deletes the remembered login and says which alerts it pauses; each of those channels
 * is told too (once: only when a login was really deleted), so none believes it is still watched.
 */
export async function forgetCommand(
  deps: BotDeps,
  who: { teamId: string; userId: string },
  note: ChannelNote = () => {},
): Promise<Reply> {
  // Reads first, then the one write: a store that cannot write leaves everything as it was.
  const before = await deps.credentials.get(who.teamId, who.userId);
  const watching = await deps.alerts.listByOwner(who.teamId, who.userId);
  const hadCredentials = await deps.credentials.delete(who.teamId, who.userId);
  if (hadCredentials) pausedByForgetting(deps, watching, before, note);
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

/**
 * Tells each channel whose alert a forgotten login pauses (those already paused for another reason,
 * another account remembered, change nothing and hear nothing).
 */
export function pausedByForgetting(
  deps: Pick<BotDeps, 'environmentLabel'>,
  watching: readonly AlertSubscription[],
  before: RememberedCredentials | undefined,
  note: ChannelNote,
): void {
  if (before === undefined) return;
  for (const sub of watching) {
    if (pauseOf(sub, before) === null) {
      note(sub.channelId, alertsPausedNotice(sub, { kind: 'forgotten' }, deps.environmentLabel));
    }
  }
}
