import type { TeamSettings } from '../../store/index.ts';

/** Today's behaviour: no approval, no limits, everyone may buy, no named postage admins. */
export function defaultSettings(teamId: string): TeamSettings {
  return {
    teamId,
    approvalAboveMils: null,
    approverIds: [],
    approvalsChannelId: null,
    dailyLimitMils: null,
    monthlyLimitMils: null,
    buyerIds: [],
    postageAdminIds: [],
    updatedBy: null,
    updatedAt: null,
  };
}

/** The workspace's settings, or the defaults when none were ever saved. */
export async function settingsOf(
  store: { get(teamId: string): Promise<TeamSettings | undefined> },
  teamId: string,
): Promise<TeamSettings> {
  return (await store.get(teamId)) ?? defaultSettings(teamId);
}
