import { formatUsd } from '../lib/money.ts';
import { MIN_PURCHASE_CENTS } from './amount.ts';
import { DAY_MS } from './runway.ts';

/** The part of a workspace's settings that decides who may buy how much. */
export interface SpendingRules {
  /** Who may buy; empty = everyone. */
  buyerIds: readonly string[];
  /** Per person, rolling 24 hours; null = none. */
  dailyLimitMils: number | null;
  /** The whole workspace, rolling 30 days; null = none. */
  monthlyLimitMils: number | null;
}

/** What was spent already (confirmed, pending and unconfirmed purchases; an unknown outcome counts). */
export interface Spent {
  personLast24hMils: number;
  workspaceLast30dMils: number;
}

export type SpendVerdict =
  | { kind: 'ok' }
  | { kind: 'not-buyer' }
  | { kind: 'over-daily'; leftMils: number }
  | { kind: 'over-monthly'; leftMils: number };

export const MONTH_MS = 30 * DAY_MS;

/** Whether `userId` may buy `amountMils` now. Pure: the caller reads what was spent. */
export function judgeSpend(
  rules: SpendingRules,
  userId: string,
  amountMils: number,
  spent: Spent,
): SpendVerdict {
  if (rules.buyerIds.length > 0 && !rules.buyerIds.includes(userId)) return { kind: 'not-buyer' };
  if (rules.dailyLimitMils !== null && spent.personLast24hMils + amountMils > rules.dailyLimitMils)
    return { kind: 'over-daily', leftMils: Math.max(0, rules.dailyLimitMils - spent.personLast24hMils) };
  if (rules.monthlyLimitMils !== null && spent.workspaceLast30dMils + amountMils > rules.monthlyLimitMils)
    return {
      kind: 'over-monthly',
      leftMils: Math.max(0, rules.monthlyLimitMils - spent.workspaceLast30dMils),
    };
  return { kind: 'ok' };
}

export const NOT_A_BUYER =
  "You are not one of this workspace's postage buyers, so the bot will not buy postage for you. Ask a postage admin to add you (/postage settings).";

/** The sentence for a refusal: at the amount field for a limit, plain for a non-buyer. */
export function spendRefusal(verdict: Exclude<SpendVerdict, { kind: 'ok' }>): string {
  if (verdict.kind === 'not-buyer') return NOT_A_BUYER;
  const [when, who] = verdict.kind === 'over-daily' ? ['today', 'You'] : ['this month', 'The workspace'];
  const what =
    verdict.kind === 'over-daily' ? 'your daily limit (24 hours)' : "the workspace's monthly limit (30 days)";
  // Less than Endicia's minimum left is as good as nothing left.
  return verdict.leftMils < MIN_PURCHASE_CENTS * 10
    ? `That is over ${what}: nothing more can be bought ${when}.`
    : `That is over ${what}. ${who} can buy up to ${formatUsd(verdict.leftMils)} more ${when}.`;
}

/**
 * The one check every purchase passes before BuyPostage (wizard, approval, automatic reload): reads what
 * was spent, judges, and records a refusal in the audit trail. The host implements it over the store.
 */
export interface SpendingGate {
  check(teamId: string, userId: string, amountMils: number): Promise<SpendVerdict>;
}
