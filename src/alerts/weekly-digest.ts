import { RUNWAY_WINDOW_MS, summarizeWeek, type WeeklyDigest } from '../machine/index.ts';
import type { AlertSubscription, BalanceReadingStore, PurchaseStore } from '../store/index.ts';

/** As many purchases as the journal lists at once: more than a week's of any team the bot serves. */
const WEEK_PURCHASES = 500;

export interface GatherDigestDeps {
  balanceReadings: Pick<BalanceReadingStore, 'listSince'>;
  purchases: Pick<PurchaseStore, 'listByAccount'>;
}

/**
 * The week before `nowMs` of a subscription's account, from the kept balance readings and the purchase
 * journal (no Endicia call: the digest reports what the bot already read). Store errors reach the caller.
 */
export async function gatherDigest(
  deps: GatherDigestDeps,
  sub: AlertSubscription,
  nowMs: number,
): Promise<WeeklyDigest> {
  const since = new Date(nowMs - RUNWAY_WINDOW_MS).toISOString();
  const [readings, purchases] = await Promise.all([
    deps.balanceReadings.listSince(sub.teamId, sub.accountId, since),
    deps.purchases.listByAccount(sub.teamId, sub.accountId, WEEK_PURCHASES),
  ]);
  const checked = sub.lastCheckedAt === null ? Number.NaN : Date.parse(sub.lastCheckedAt);
  return summarizeWeek({
    readings: readings.map((r) => ({ balanceMils: r.balanceMils, atMs: Date.parse(r.readAt) })),
    purchases: purchases.map((p) => ({
      userId: p.userId,
      amountMils: p.amountMils,
      state: p.state,
      atMs: Date.parse(p.createdAt),
    })),
    latest:
      sub.lastBalanceMils === null || !Number.isFinite(checked)
        ? null
        : { balanceMils: sub.lastBalanceMils, atMs: checked },
    nowMs,
  });
}
