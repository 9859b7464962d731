import type { Logger } from '../lib/logger.ts';
import { EndiciaApiError, EndiciaUnavailableError } from './errors.ts';
import type { EndiciaClient, EndiciaOperation } from './types.ts';

/**
 * The client, with one debug line per Endicia call: operation, account, duration and outcome, for an
 * operator chasing a stuck purchase or a missed alert (`LOG_LEVEL=debug`). Never the credentials or the
 * request: only the account number and what came back.
 */
export function withCallLog(
  client: EndiciaClient,
  logger: Logger,
  now: () => number = Date.now,
): EndiciaClient {
  const timed = async <T>(op: EndiciaOperation, accountId: string, call: () => Promise<T>): Promise<T> => {
    const started = now();
    try {
      const value = await call();
      logger.debug('endicia call', { op, accountId, ms: now() - started, outcome: 'ok' });
      return value;
    } catch (error) {
      logger.debug('endicia call', { op, accountId, ms: now() - started, ...outcomeOf(error) });
      throw error;
    }
  };
  return {
    baseUrl: client.baseUrl,
    getAccountStatus: (credentials, options) =>
      timed('GetAccountStatus', credentials.accountId, () => client.getAccountStatus(credentials, options)),
    buyPostage: (credentials, amountMils, options) =>
      timed('BuyPostage', credentials.accountId, () => client.buyPostage(credentials, amountMils, options)),
    changePassPhrase: (credentials, next, options) =>
      timed('ChangePassPhrase', credentials.accountId, () =>
        client.changePassPhrase(credentials, next, options),
      ),
    reconcilePurchase: (credentials, before, amountMils) =>
      timed('GetAccountStatus', credentials.accountId, () =>
        client.reconcilePurchase(credentials, before, amountMils),
      ),
  };
}

function outcomeOf(error: unknown): Record<string, unknown> {
  if (error instanceof EndiciaApiError) return { outcome: 'refused', status: error.status, code: error.code };
  if (error instanceof EndiciaUnavailableError) return { outcome: 'no answer', reason: error.reason };
  return { outcome: 'failed', code: (error as { code?: unknown }).code ?? 'unknown' };
}
