import type { WebClient } from '@slack/web-api';
import { RUNWAY_WINDOW_MS, type Runway } from '../../machine/index.ts';
import type { AlertSubscription } from '../../store/index.ts';
import type { BotDeps } from '../deps.ts';
import { isPostageAdmin } from '../settings/postage-admin.ts';
import { settingsOf } from '../settings/team-settings.ts';
import { HOME_ALERTS_SHOWN, type HomeFacts, homeView } from './home-view.ts';

type Deps = Pick<
  BotDeps,
  'credentials' | 'purchases' | 'approvals' | 'alerts' | 'settings' | 'logger' | 'environmentLabel'
> &
  Partial<Pick<BotDeps, 'alertRunway' | 'balanceReadings' | 'now'>>;

/**
 * The runway at each balance the tab shows (the remembered account's, each alert's last check), from
 * the kept readings: one forecast per distinct account and reading. A forecast that cannot be made is
 * left out (null), never a reason for the tab not to publish.
 */
async function runwaysFor(
  deps: Deps,
  teamId: string,
  balance: { accountId: string; balanceMils: number | null; readAt: string },
  alerts: readonly AlertSubscription[],
): Promise<{ balance: Runway | null; alerts: Map<string, Runway | null> }> {
  const forecast = deps.alertRunway;
  const byReading = new Map<string, Promise<Runway | null>>();
  const runwayAt = (accountId: string, balanceMils: number, readAt: string): Promise<Runway | null> => {
    const at = new Date(readAt);
    if (forecast === undefined || !Number.isFinite(at.getTime())) return Promise.resolve(null);
    const key = `${accountId}|${balanceMils}|${readAt}`;
    let runway = byReading.get(key);
    if (runway === undefined) {
      runway = forecast(teamId, accountId, balanceMils, at).catch(() => null);
      byReading.set(key, runway);
    }
    return runway;
  };
  const mine =
    balance.balanceMils === null
      ? Promise.resolve(null)
      : runwayAt(balance.accountId, balance.balanceMils, balance.readAt);
  const lines = await Promise.all(
    alerts.map(
      async (a): Promise<[string, Runway | null]> => [
        a.channelId,
        a.lastBalanceMils === null || a.lastCheckedAt === null
          ? null
          : await runwayAt(a.accountId, a.lastBalanceMils, a.lastCheckedAt),
      ],
    ),
  );
  return { balance: await mine, alerts: new Map(lines) };
}

/**
 * The newest balance the bot saw for an account: a kept reading of the last week (a login, a purchase,
 * a sweep, `/postage balance`), a purchase's answer or an alert check.
 */
async function lastBalance(deps: Deps, teamId: string, accountId: string): Promise<HomeFacts['lastBalance']> {
  const since = new Date((deps.now?.() ?? new Date()).getTime() - RUNWAY_WINDOW_MS).toISOString();
  const [purchases, subs, readings] = await Promise.all([
    deps.purchases.listByAccount(teamId, accountId, 5),
    deps.alerts.listByAccount(teamId, accountId),
    deps.balanceReadings?.listSince(teamId, accountId, since) ?? Promise.resolve([]),
  ]);
  const newestReading = readings.at(-1);
  const seen = [
    ...(newestReading === undefined
      ? []
      : [{ balanceMils: newestReading.balanceMils, readAt: newestReading.readAt }]),
    ...purchases.flatMap((p) =>
      p.balanceAfterMils === null ? [] : [{ balanceMils: p.balanceAfterMils, readAt: p.updatedAt }],
    ),
    ...subs.flatMap((s) =>
      s.lastBalanceMils === null || s.lastCheckedAt === null
        ? []
        : [{ balanceMils: s.lastBalanceMils, readAt: s.lastCheckedAt }],
    ),
  ];
  return seen.sort((a, b) => b.readAt.localeCompare(a.readAt))[0] ?? null;
}

/** Reads what one person's Home tab shows. */
export async function homeFacts(
  client: WebClient,
  deps: Deps,
  teamId: string,
  userId: string,
): Promise<HomeFacts> {
  const saved = await deps.credentials.get(teamId, userId).catch(() => undefined);
  const accountId = saved?.accountId ?? null;
  const settings = await settingsOf(deps.settings, teamId);
  const approver = settings.approverIds.includes(userId);
  const [purchases, pending, alerts, balance, admin] = await Promise.all([
    deps.purchases.listByUser(teamId, userId, 5),
    approver ? deps.approvals.listPending(teamId) : Promise.resolve([]),
    deps.alerts.listByOwner(teamId, userId),
    accountId === null ? Promise.resolve(null) : lastBalance(deps, teamId, accountId),
    isPostageAdmin(client, deps, teamId, userId),
  ]);
  const shownAlerts = alerts.slice(0, HOME_ALERTS_SHOWN);
  const runways = await runwaysFor(
    deps,
    teamId,
    { accountId: accountId ?? '', balanceMils: balance?.balanceMils ?? null, readAt: balance?.readAt ?? '' },
    shownAlerts,
  );
  return {
    teamId,
    userId,
    accountId,
    lastBalance: balance,
    balanceRunway: accountId === null ? null : runways.balance,
    alertRunways: runways.alerts,
    purchases,
    awaiting: pending.filter((r) => r.requesterId !== userId),
    alerts,
    settings: admin ? settings : null,
    environmentLabel: deps.environmentLabel,
  };
}

/**
 * Publishes one person's Home tab (views.publish). Called when they open it and when something of
 * theirs changes (a purchase, a request to decide, a decision); failures are logged, never thrown.
 */
export async function publishHome(
  client: WebClient,
  deps: Deps,
  teamId: string,
  userId: string,
): Promise<void> {
  try {
    const facts = await homeFacts(client, deps, teamId, userId);
    await client.views.publish({ user_id: userId, view: homeView(facts) });
  } catch (error) {
    deps.logger.warn('could not publish the Home tab', { error });
  }
}

// At most this many Home tabs are re-published for one change (views.publish is Tier 4: 100+/min).
const REFRESH_MAX = 20;

/** Re-publishes the Home tab of everyone a change concerns (deduplicated, capped), one after another. */
export async function refreshHomes(
  client: WebClient,
  deps: Deps,
  teamId: string,
  userIds: readonly (string | null)[],
): Promise<void> {
  const unique = [...new Set(userIds.filter((u): u is string => u !== null))].slice(0, REFRESH_MAX);
  for (const userId of unique) await publishHome(client, deps, teamId, userId);
}

/** A request's people: its requester, whoever decided it, and every approver (their lists change). */
export async function refreshRequestHomes(
  client: WebClient,
  deps: Deps,
  request: { teamId: string; requesterId: string; decidedBy: string | null },
): Promise<void> {
  const { approverIds } = await settingsOf(deps.settings, request.teamId);
  await refreshHomes(client, deps, request.teamId, [request.requesterId, request.decidedBy, ...approverIds]);
}
