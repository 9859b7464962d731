import { randomUUID } from 'node:crypto';
import type { Mils } from '../lib/money.ts';
import { EndiciaArgumentError } from './errors.ts';
import { observed } from './observe.ts';
import { comparePurchase } from './reconcile.ts';
import { buildAccountStatusRequest, buildChangePassPhraseRequest, buildRecreditRequest } from './requests.ts';
import {
  parseAccountStatusResponse,
  parseChangePassPhraseResponse,
  parseRecreditResponse,
} from './responses.ts';
import { createTransport } from './transport.ts';
import type { EndiciaClient, EndiciaClientOptions } from './types.ts';

/** Whole cents, positive, and small enough to be exact: the format check; limits are the caller's. */
function checkAmount(amountMils: Mils): void {
  if (!Number.isSafeInteger(amountMils) || amountMils <= 0 || amountMils % 10 !== 0) {
    throw new EndiciaArgumentError('BuyPostage', 'the amount must be a positive whole number of cents');
  }
}

/**
 * The Endicia Label Server client (POST "…XML" flavour). Stateless apart from one HTTP instance; every
 * failure is an EndiciaApiError (Status ≠ 0) or an EndiciaUnavailableError, none carrying a pass phrase.
 */
export function createEndiciaClient(options: EndiciaClientOptions): EndiciaClient {
  const send = createTransport(options);
  const newRequestId = options.newRequestId ?? randomUUID;
  const { requesterId } = options;
  const timed = observed(options.onCall);

  const client: EndiciaClient = {
    baseUrl: options.baseUrl,

    async getAccountStatus(credentials, callOptions = {}) {
      const requestId = callOptions.requestId ?? newRequestId();
      const xml = buildAccountStatusRequest({ requesterId, requestId, credentials });
      return timed('GetAccountStatus', async () => {
        const answer = await send('GetAccountStatus', xml, callOptions.signal);
        return parseAccountStatusResponse(answer, {
          secrets: [credentials.passPhrase],
          accountId: credentials.accountId,
        });
      });
    },

    async buyPostage(credentials, amountMils, { requestId }) {
      checkAmount(amountMils);
      const xml = buildRecreditRequest({ requesterId, requestId, credentials, amountMils });
      return timed('BuyPostage', async () => {
        // NOTE: no signal: aborting a purchase mid-flight would only turn a known outcome into an unknown one.
        const answer = await send('BuyPostage', xml);
        return parseRecreditResponse(answer, requestId, {
          secrets: [credentials.passPhrase],
          accountId: credentials.accountId,
        });
      });
    },

    async changePassPhrase(credentials, newPassPhrase, callOptions = {}) {
      const requestId = callOptions.requestId ?? newRequestId();
      const xml = buildChangePassPhraseRequest({ requesterId, requestId, credentials, newPassPhrase });
      await timed('ChangePassPhrase', async () => {
        const answer = await send('ChangePassPhrase', xml);
        parseChangePassPhraseResponse(answer, { secrets: [credentials.passPhrase, newPassPhrase] });
      });
    },

    async reconcilePurchase(credentials, before, amountMils) {
      try {
        return comparePurchase(before, await client.getAccountStatus(credentials), amountMils);
      } catch (error) {
        const code = error instanceof Error ? ((error as { code?: unknown }).code ?? error.name) : 'unknown';
        return {
          outcome: 'unconfirmed',
          why: 'unreadable',
          status: null,
          reason: `the account could not be re-read (${String(code)})`,
        };
      }
    },
  };
  return client;
}
