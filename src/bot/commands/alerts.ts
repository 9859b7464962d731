import { optionsOf, RELOAD_OFF } from '../../alerts/index.ts';
import { centsToMils, parseTypedDollars } from '../../lib/money.ts';
import { ENDICIA_MAX_PURCHASE_CENTS } from '../../machine/index.ts';
import type { BotDeps } from '../deps.ts';
import {
  alertSettingsMessage,
  alertsOffMessage,
  alertsSetMessage,
  alertsTurnedOffNotice,
  type BotMessage,
  notRememberedMessage,
  thresholdErrorMessage,
} from '../messages/index.ts';
import { within } from '../within.ts';
import { pauseWithAccountOf } from './alert-pause.ts';
import type { PostageCommand } from './parse-command.ts';
import type { Reply } from './reply.ts';

type AlertsCommand = Extract<PostageCommand, { kind: 'alerts-set' | 'alerts-off' | 'alerts-show' }>;
type Who = { teamId: string; userId: string; channelId: string };
/** Posts a note in a channel after the ack (tracked background work; failures are logged, not thrown). */
export type ChannelNote = (channelId: string, message: BotMessage) => void;

// The same ceiling as one purchase: $99,999.99 (one constant, so the two cannot drift apart).
const MAX_THRESHOLD_MILS = centsToMils(ENDICIA_MAX_PURCHASE_CENTS);
// How long the reply to `/postage alerts <amount>` waits for the balance now (Slack allows 3 s in all).
const BALANCE_BUDGET_MS = 1_200;

/** `/postage alerts <amount> | off | (nothing)` for the channel the command was typed in. */
export async function alertsCommand(
  command: AlertsCommand,
  deps: BotDeps,
  who: Who,
  note: ChannelNote = () => {},
): Promise<Reply> {
  const label = deps.environmentLabel;
  if (command.kind === 'alerts-show') {
    const sub = await deps.alerts.get(who.teamId, who.channelId);
    if (sub === undefined) return alertSettingsMessage(null, { environmentLabel: label });
    // Unreadable (a rotated-out key) is "not remembered", as everywhere else.
    const owner = await deps.credentials.get(sub.teamId, sub.ownerUserId).catch(() => undefined);
    const paused = await pauseWithAccountOf(sub, owner, deps.remembered);
    return alertSettingsMessage(sub, { environmentLabel: label, paused, now: deps.now() });
  }
  if (command.kind === 'alerts-off') {
    const sub = await deps.alerts.get(who.teamId, who.channelId);
    const existed = await deps.alerts.delete(who.teamId, who.channelId);
    // Someone else's alert gone without a word would leave its owner believing the channel is watched.
    if (existed && sub !== undefined && sub.ownerUserId !== who.userId) {
      note(who.channelId, alertsTurnedOffNotice(who.userId, sub, label));
    }
    return alertsOffMessage({ existed, environmentLabel: label });
  }
  const typed = parseTypedDollars(command.amountText);
  if (!typed.ok || typed.mils <= 0 || typed.mils > MAX_THRESHOLD_MILS) {
    return thresholdErrorMessage(command.amountText, label);
  }
  const thresholdMils = typed.mils;
  const saved = await deps.credentials.get(who.teamId, who.userId);
  if (saved === undefined) return notRememberedMessage(label);
  const previous = await deps.alerts.get(who.teamId, who.channelId);
  await deps.alerts.put({
    // The channel's other settings (runway warning, escalation, digest…) stay as they were; automatic
    // reload only while the owner and account are the ones it was confirmed for (it spends that login).
    ...optionsOf(previous),
    ...(previous?.ownerUserId === who.userId && previous.accountId === saved.accountId ? {} : RELOAD_OFF),
    teamId: who.teamId,
    channelId: who.channelId,
    ownerUserId: who.userId,
    accountId: saved.accountId,
    thresholdMils,
    // A new or changed threshold starts armed: the next reading decides, and a low balance alerts at once.
    state: 'armed',
    alertMessageTs: null,
    lastBalanceMils: null,
    lastCheckedAt: null,
    createdAt: deps.now().toISOString(),
  });
  const blocked = saved.monitorBlockedAt !== null;
  let balanceMils: number | null = null;
  // The first check (its reading reaches the monitor, which alerts on it); when it answers in time, the
  // reply says the balance now, so "alerts 50" at $30 says it is already below.
  const check = deps.alertControl?.checkSoon(who.teamId, who.channelId).catch(() => null);
  if (check !== undefined && !blocked) {
    const quick = await within(check, BALANCE_BUDGET_MS);
    if (quick.done && quick.value?.kind === 'ok' && quick.value.accountId === saved.accountId) {
      balanceMils = quick.value.balanceMils;
    }
  }
  return alertsSetMessage({
    accountId: saved.accountId,
    thresholdMils,
    blocked,
    balanceMils,
    environmentLabel: label,
  });
}
