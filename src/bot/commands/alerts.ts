import { centsToMils, parseDecimal } from '../../lib/money.ts';
import { ENDICIA_MAX_PURCHASE_CENTS } from '../../machine/index.ts';
import type { BotDeps } from '../deps.ts';
import {
  alertSettingsMessage,
  alertsOffMessage,
  alertsSetMessage,
  notRememberedMessage,
  thresholdErrorMessage,
} from '../messages/index.ts';
import type { PostageCommand } from './parse-command.ts';
import type { Reply } from './reply.ts';

type AlertsCommand = Extract<PostageCommand, { kind: 'alerts-set' | 'alerts-off' | 'alerts-show' }>;
type Who = { teamId: string; userId: string; channelId: string };

// The same ceiling as one purchase: $99,999.99 (one constant, so the two cannot drift apart).
const MAX_THRESHOLD_MILS = centsToMils(ENDICIA_MAX_PURCHASE_CENTS);

/** `/postage alerts <amount> | off | (nothing)` for the channel the command was typed in. */
export async function alertsCommand(command: AlertsCommand, deps: BotDeps, who: Who): Promise<Reply> {
  const label = deps.environmentLabel;
  if (command.kind === 'alerts-show') {
    const sub = await deps.alerts.get(who.teamId, who.channelId);
    return alertSettingsMessage(sub ?? null, { environmentLabel: label });
  }
  if (command.kind === 'alerts-off') {
    const existed = await deps.alerts.delete(who.teamId, who.channelId);
    return alertsOffMessage({ existed, environmentLabel: label });
  }
  const text = command.amountText.replace(/^\$/, '');
  const thresholdMils = parseDecimal(text, 2);
  if (thresholdMils === undefined || thresholdMils <= 0 || thresholdMils > MAX_THRESHOLD_MILS) {
    return thresholdErrorMessage(command.amountText, label);
  }
  const saved = await deps.credentials.get(who.teamId, who.userId);
  if (saved === undefined) return notRememberedMessage(label);
  await deps.alerts.put({
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
  deps.alertControl?.checkSoon(who.teamId, who.channelId);
  return alertsSetMessage({
    accountId: saved.accountId,
    thresholdMils,
    blocked: saved.monitorBlockedAt !== null,
    environmentLabel: label,
  });
}
