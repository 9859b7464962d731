import type { ModalView } from '@slack/types';
import { DEFAULT_RELOADS_PER_DAY } from '../../alerts/index.ts';
import { formatUsd } from '../../lib/money.ts';
import type { TeamSettings } from '../../store/index.ts';
import { environmentBlocks, textSection } from './blocks.ts';
import { escapeMrkdwn, plain } from './text.ts';

/** The confirmation's callback_id: outside `postage/` (the wizard's listener owns those). */
export const RELOAD_CONFIRM_CALLBACK_ID = 'alert-reload-confirm';

/** Sent there and back in private_metadata: what is being turned on. No secret. */
export interface ReloadConfirmMeta {
  channelId: string;
  amountMils: number;
  /** As typed: null = the default (one a day). */
  reloadsPerDay: number | null;
}

const limit = (mils: number | null, none: string) => (mils === null ? none : formatUsd(mils));

/**
 * "Turn on automatic reload?" (issue 15), shown in place of the alert settings modal when its owner saves a
 * Reload amount: the amount, the daily count and the workspace's limits. Only "Turn on" turns it on.
 */
export function reloadConfirmView(
  meta: ReloadConfirmMeta,
  facts: { accountId: string; thresholdMils: number; settings: TeamSettings },
  environmentLabel: string | null,
): ModalView {
  const amount = formatUsd(meta.amountMils);
  const perDay = meta.reloadsPerDay ?? DEFAULT_RELOADS_PER_DAY;
  const { settings } = facts;
  const above = settings.approvalAboveMils;
  const lines = [
    `When the postage balance of account ${escapeMrkdwn(facts.accountId)} falls below ${formatUsd(facts.thresholdMils)}, the bot buys *${amount}* with your remembered login, at most *${perDay}* time${perDay === 1 ? '' : 's'} a day (24 hours), once each time it falls below. The receipt goes in the alert's thread.`,
    '*Workspace limits (they apply to automatic reloads):*',
    `• Daily limit per person: ${limit(settings.dailyLimitMils, 'none')}`,
    `• Monthly limit (the whole workspace): ${limit(settings.monthlyLimitMils, 'none')}`,
    `• Approval needed above: ${limit(above, 'never')}`,
    'A reload that would need approval or go over a limit is not made, and the alert says why. A refused login or a failed purchase turns automatic reload off and you are told.',
  ];
  if (above !== null && meta.amountMils > above) {
    lines.push(
      `:warning: ${amount} is above the approval threshold: every automatic reload would be held back. Choose ${formatUsd(above)} or less.`,
    );
  }
  return {
    type: 'modal',
    callback_id: RELOAD_CONFIRM_CALLBACK_ID,
    private_metadata: JSON.stringify(meta),
    title: plain('Automatic reload', 24),
    submit: plain('Turn on', 24),
    close: plain('Cancel', 24),
    blocks: [...environmentBlocks(environmentLabel), textSection('reload_confirm', lines.join('\n'))],
  };
}

/** The metadata back, or null when it is not ours. */
export function readReloadConfirmMeta(raw: string): ReloadConfirmMeta | null {
  try {
    const meta = JSON.parse(raw) as Partial<ReloadConfirmMeta>;
    const perDay = meta.reloadsPerDay ?? null;
    return typeof meta.channelId === 'string' &&
      Number.isSafeInteger(meta.amountMils) &&
      (perDay === null || Number.isSafeInteger(perDay))
      ? { channelId: meta.channelId, amountMils: meta.amountMils as number, reloadsPerDay: perDay }
      : null;
  } catch {
    return null;
  }
}
