import type { ActionsBlock, HomeView, KnownBlock } from '@slack/types';
import { formatUsd } from '../../lib/money.ts';
import type { Runway } from '../../machine/index.ts';
import type { AlertSubscription, ApprovalRequest, PurchaseRecord, TeamSettings } from '../../store/index.ts';
import { approvalButtons } from '../approvals/approval-message.ts';
import { channelMention, slackDate, userMention } from '../messages/message.ts';
import { settingsChanges } from '../settings/settings-changes.ts';
import { defaultSettings } from '../settings/team-settings.ts';
import { contextLine, environmentBlocks, textSection } from '../views/blocks.ts';
import { runwayText } from '../views/runway-text.ts';
import { escapeMrkdwn, plain } from '../views/text.ts';

/** Buttons only the Home tab has; their values carry no secret. */
export const HOME_ACTIONS = { buy: 'home_buy', editSettings: 'home_edit_settings' } as const;

/** Slack's limit for a Home view; every list is capped so the total stays under it. */
export const HOME_BLOCKS_MAX = 100;
const LIST_MAX = { purchases: 5, requests: 10, alerts: 10 } as const;
/** The alert lines shown (their runways are the only ones forecast). */
export const HOME_ALERTS_SHOWN = LIST_MAX.alerts;

/** What one person's Home tab shows (gathered by `publishHome`). */
export interface HomeFacts {
  teamId: string;
  userId: string;
  accountId: string | null;
  /** The last balance the bot knows for that account and when it was read. */
  lastBalance: { balanceMils: number; readAt: string } | null;
  /** The runway at that balance ("about 4 days left at this week's rate"); null when not known. */
  balanceRunway?: Runway | null;
  /** Each alert's runway at its last check, by channel; absent or null = not known. */
  alertRunways?: ReadonlyMap<string, Runway | null>;
  purchases: readonly PurchaseRecord[];
  /** Requests this person may decide (approver, not the requester). */
  awaiting: readonly ApprovalRequest[];
  alerts: readonly AlertSubscription[];
  /** The settings, for postage admins only. */
  settings: TeamSettings | null;
  environmentLabel: string | null;
}

function more(blockId: string, total: number, shown: number): KnownBlock[] {
  return total > shown ? [contextLine(blockId, `…and ${total - shown} more.`)] : [];
}

function accountBlocks(f: HomeFacts): KnownBlock[] {
  const buy: ActionsBlock = {
    type: 'actions',
    block_id: 'home_buy_actions',
    elements: [
      {
        type: 'button',
        action_id: HOME_ACTIONS.buy,
        style: 'primary',
        text: plain('Buy postage', 75),
        value: 'buy',
      },
    ],
  };
  if (f.accountId === null)
    return [
      textSection(
        'home_account',
        'No Endicia account is remembered for you. Buy postage, log in and tick *Remember* to see it here.',
      ),
      buy,
    ];
  const balance =
    f.lastBalance === null
      ? 'No balance read yet.'
      : `Last known balance *${formatUsd(f.lastBalance.balanceMils)}*, read ${slackDate(f.lastBalance.readAt)}${withRunway(f.balanceRunway)}.`;
  return [textSection('home_account', `*Your account* ${escapeMrkdwn(f.accountId)}\n${balance}`), buy];
}

/** ", about 4 days left at this week's rate" after a balance, or nothing when the runway is not known. */
function withRunway(runway: Runway | null | undefined): string {
  const text = runwayText(runway);
  return text === null ? '' : `, ${text}`;
}

function purchaseBlocks(f: HomeFacts): KnownBlock[] {
  const shown = f.purchases.slice(0, LIST_MAX.purchases);
  const lines = shown.map(
    (p) =>
      `${slackDate(p.createdAt)} · *${formatUsd(p.amountMils)}* for account ${escapeMrkdwn(p.accountId)} · ${p.state}`,
  );
  return [
    { type: 'header', block_id: 'home_purchases_title', text: plain('Your recent purchases', 150) },
    textSection('home_purchases', lines.length === 0 ? 'None yet.' : lines.join('\n')),
  ];
}

function requestBlocks(f: HomeFacts): KnownBlock[] {
  if (f.awaiting.length === 0) return [];
  const shown = f.awaiting.slice(0, LIST_MAX.requests);
  return [
    { type: 'header', block_id: 'home_requests_title', text: plain('Waiting for your decision', 150) },
    ...shown.flatMap((r, i): KnownBlock[] => [
      textSection(
        `home_request_${i}`,
        `${userMention(r.requesterId)} asks for *${formatUsd(r.amountMils)}* for account ${escapeMrkdwn(r.accountId)} (expires ${slackDate(r.expiresAt)}).`,
      ),
      { ...approvalButtons(r.requestId), block_id: `home_request_actions_${i}` },
    ]),
    ...more('home_requests_more', f.awaiting.length, shown.length),
  ];
}

/** " · $42.00, about 4 days left at this week's rate" on an alert line whose last check is known. */
function alertRunway(a: AlertSubscription, f: HomeFacts): string {
  if (a.lastBalanceMils === null) return '';
  const runway = runwayText(f.alertRunways?.get(a.channelId));
  return ` · ${formatUsd(a.lastBalanceMils)}${runway === null ? '' : `, ${runway}`}`;
}

function alertBlocks(f: HomeFacts): KnownBlock[] {
  const shown = f.alerts.slice(0, LIST_MAX.alerts);
  const lines = shown.map(
    (a) =>
      `${channelMention(a.channelId)} · account ${escapeMrkdwn(a.accountId)} below ${formatUsd(a.thresholdMils)} · ${a.state === 'alerted' ? 'alerted' : 'watching'}${alertRunway(a, f)}`,
  );
  return [
    { type: 'header', block_id: 'home_alerts_title', text: plain('Your low-balance alerts', 150) },
    textSection(
      'home_alerts',
      lines.length === 0 ? 'None. `/postage alerts 50` in a channel sets one.' : lines.join('\n'),
    ),
    ...more('home_alerts_more', f.alerts.length, shown.length),
  ];
}

function settingsBlocks(f: HomeFacts): KnownBlock[] {
  if (f.settings === null) return [];
  // The settings as the differences from today's defaults: one line each, "none" when unchanged.
  const lines = settingsChanges(defaultSettings(f.teamId), f.settings).map(
    (l) => `• ${l.replace(/^(.*?): .* → /, '$1: ')}`,
  );
  return [
    { type: 'header', block_id: 'home_settings_title', text: plain('Workspace settings', 150) },
    textSection(
      'home_settings',
      lines.length === 0 ? 'Defaults: no approval, no limits, everyone may buy.' : lines.join('\n'),
    ),
    {
      type: 'actions',
      block_id: 'home_settings_actions',
      elements: [
        { type: 'button', action_id: HOME_ACTIONS.editSettings, text: plain('Edit', 75), value: 'edit' },
      ],
    },
  ];
}

/** The Home tab: account, balance and its age, Buy postage, purchases, requests to decide, alerts, settings. */
export function homeView(f: HomeFacts): HomeView {
  const blocks: KnownBlock[] = [
    ...environmentBlocks(f.environmentLabel),
    ...accountBlocks(f),
    { type: 'divider' },
    ...requestBlocks(f),
    ...purchaseBlocks(f),
    ...alertBlocks(f),
    ...settingsBlocks(f),
  ];
  return { type: 'home', blocks: blocks.slice(0, HOME_BLOCKS_MAX) };
}
