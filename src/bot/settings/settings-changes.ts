import { formatUsd } from '../../lib/money.ts';
import type { TeamSettings } from '../../store/index.ts';
import { channelMention, userMention } from '../messages/message.ts';
import { SETTINGS_LABELS as L } from './settings-ids.ts';

type Compared = Omit<TeamSettings, 'teamId' | 'updatedBy' | 'updatedAt'>;

const money = (mils: number | null, none: string) => (mils === null ? none : formatUsd(mils));
const people = (ids: readonly string[], none: string) =>
  ids.length === 0 ? none : [...ids].sort().map(userMention).join(', ');

/** How each setting reads in a change line (mrkdwn: mentions for people and channels). */
const SHOWN: ReadonlyArray<readonly [string, (s: Compared) => string]> = [
  [L.approvalAbove, (s) => money(s.approvalAboveMils, 'never')],
  [L.approvers, (s) => people(s.approverIds, 'nobody')],
  [
    L.approvalsChannel,
    (s) => (s.approvalsChannelId === null ? 'none' : channelMention(s.approvalsChannelId)),
  ],
  [L.dailyLimit, (s) => money(s.dailyLimitMils, 'no limit')],
  [L.monthlyLimit, (s) => money(s.monthlyLimitMils, 'no limit')],
  [L.buyers, (s) => people(s.buyerIds, 'everyone')],
  [L.postageAdmins, (s) => people(s.postageAdminIds, 'workspace admins only')],
];

/** One `Label: old → new` line per setting that changed (empty when nothing did). */
export function settingsChanges(before: Compared, after: Compared): string[] {
  const lines: string[] = [];
  for (const [label, show] of SHOWN) {
    const [was, now] = [show(before), show(after)];
    if (was !== now) lines.push(`${label}: ${was} → ${now}`);
  }
  return lines;
}
