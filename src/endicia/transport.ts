import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import got, { type Response } from 'got';
import { EndiciaUnavailableError } from './errors.ts';
import type { EndiciaOperation } from './types.ts';

/** Path suffix and form field of each operation's POST "…XML" flavour (docs/endicia-els.md §1.2). */
export const OPERATION_ROUTES = {
  GetAccountStatus: { path: 'GetAccountStatusXML', field: 'accountStatusRequestXML' },
  BuyPostage: { path: 'BuyPostageXML', field: 'recreditRequestXML' },
  ChangePassPhrase: { path: 'ChangePassPhraseXML', field: 'changePassPhraseRequestXML' },
} as const satisfies Record<EndiciaOperation, { path: string; field: string }>;

/** Posts one request document and returns the answer text of a 200 that is not an HTML page. */
export type EndiciaTransport = (op: EndiciaOperation, xml: string, signal?: AbortSignal) => Promise<string>;

const HTML = /^\s*(?:<!doctype\s+html|<html[\s>])/i;

/** Maps whatever got threw to our error, keeping only its code string: got's error holds the form body. */
function unavailable(op: EndiciaOperation, error: unknown): EndiciaUnavailableError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const name = error instanceof Error ? error.name : '';
  const errorCode = typeof code === 'string' ? code : undefined;
  const reason = name === 'TimeoutError' || errorCode === 'ETIMEDOUT' ? 'timeout' : 'network';
  return new EndiciaUnavailableError(op, reason, errorCode === undefined ? {} : { errorCode });
}

function classify(op: EndiciaOperation, response: Response<string>): string {
  if (response.statusCode !== 200) {
    throw new EndiciaUnavailableError(op, 'http-status', { httpStatus: response.statusCode });
  }
  const type = response.headers['content-type'] ?? '';
  if (type.includes('text/html') || HTML.test(response.body)) {
    throw new EndiciaUnavailableError(op, 'html', { httpStatus: 200 });
  }
  return response.body;
}

// NOTE: fresh connections for BuyPostage and ChangePassPhrase. A reused keep-alive socket the server already
// dropped fails with a reset before the request was seen, and for a purchase that is a needless "outcome
// unknown". A status read only costs a "try again" on that rare reset, so reads reuse connections (Node's
// agent closes an idle one a second before the server's Keep-Alive timeout): under a burst that is one TCP
// handshake less per login (issue 17). Nothing is ever retried on a reset: the read carried a pass phrase.
const FRESH = { http: new HttpAgent({ keepAlive: false }), https: new HttpsAgent({ keepAlive: false }) };
const REUSED = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * The one got instance: no retries (a POST BuyPostage must never be repeated), whole-call timeout, HTTP
 * errors classified here rather than thrown by got.
 */
export function createTransport(options: { baseUrl: string; timeoutMs: number }): EndiciaTransport {
  const http = got.extend({
    prefixUrl: options.baseUrl,
    timeout: { request: options.timeoutMs },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: 'text',
    agent: FRESH,
  });
  return async (op, xml, signal) => {
    const route = OPERATION_ROUTES[op];
    let response: Response<string>;
    try {
      response = await http.post(route.path, {
        form: { [route.field]: xml },
        ...(op === 'GetAccountStatus' ? { agent: REUSED } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw unavailable(op, error);
    }
    return classify(op, response);
  };
}
