import type { Logger } from '../lib/logger.ts';
import { DAY_MS, judgeSpend, MONTH_MS, type SpendingGate, spendRefusal } from '../machine/index.ts';
import type { AuditStore, PurchaseStore, SettingsStore } from '../store/index.ts';

export interface SpendingGateDeps {
  settings: Pick<SettingsStore, 'get'>;
  purchases: Pick<PurchaseStore, 'spentSince'>;
  audit: Pick<AuditStore, 'add'>;
  logger: Logger;
  now: () => Date;
  newId: () => string;
}

/**
 * Buyers and limits over the store: what one person spent in the last 24 hours and the workspace in
 * the last 30 days (confirmed, pending and unconfirmed purchases), judged by `judgeSpend`. A refusal is
 * an audit record. No settings = everyone may buy without limits (today's behaviour).
 */
export function createSpendingGate(deps: SpendingGateDeps): SpendingGate {
  return {
    async check(teamId, userId, amountMils) {
      const settings = await deps.settings.get(teamId);
      if (!settings) return { kind: 'ok' };
      const at = deps.now().getTime();
      const since = (ms: number) => new Date(at - ms).toISOString();
      const [personLast24hMils, workspaceLast30dMils] = await Promise.all([
        settings.dailyLimitMils === null ? 0 : deps.purchases.spentSince(teamId, userId, since(DAY_MS)),
        settings.monthlyLimitMils === null ? 0 : deps.purchases.spentSince(teamId, null, since(MONTH_MS)),
      ]);
      const verdict = judgeSpend(settings, userId, amountMils, { personLast24hMils, workspaceLast30dMils });
      if (verdict.kind !== 'ok') {
        await deps.audit
          .add({
            id: deps.newId(),
            teamId,
            kind: 'limit-refusal',
            actorId: userId,
            subjectId: null,
            accountId: null,
            amountMils,
            transactionId: null,
            detail: spendRefusal(verdict),
            at: new Date(at).toISOString(),
          })
          .catch((error: unknown) => deps.logger.error('could not record a limit refusal', { error }));
      }
      return verdict;
    },
  };
}
