import type { PurchaseStore } from '../../store/index.ts';

/** A purchase through the bot that lifted an account out of its low balance. */
export interface TopUp {
  userId: string;
  amountMils: number;
  /** An automatic reload (issue 15), not a person's purchase. */
  automatic?: boolean;
}

/**
 * Purchases through the bot for the alert's account, confirmed and made at or after `since` (the last low
 * reading, or the alert itself): the journal knows who bought. Newest first; none when unknown.
 */
export async function topUpsSince(
  purchases: Pick<PurchaseStore, 'listByAccount'>,
  sub: { teamId: string; accountId: string },
  since: string | null,
): Promise<TopUp[]> {
  if (since === null) return [];
  const recent = await purchases.listByAccount(sub.teamId, sub.accountId, 10);
  return recent
    .filter((r) => r.state === 'confirmed' && r.createdAt >= since)
    .map((r) => ({
      userId: r.userId,
      amountMils: r.amountMils,
      ...(r.requestId.startsWith('reload:') ? { automatic: true } : {}),
    }));
}
