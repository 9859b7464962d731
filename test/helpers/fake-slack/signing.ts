import { createHmac } from 'node:crypto';

/** Headers of a signed Slack request (slack-platform.md §4.1). */
export interface SignedHeaders {
  /** Exactly this string: Bolt compares it verbatim, `…; charset=utf-8` makes it answer 400. */
  'content-type': 'application/x-www-form-urlencoded';
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
}

/** `v0=` + hex HMAC-SHA256 of `v0:{ts}:{rawBody}` with the signing secret. */
export function slackSignature(secret: string, rawBody: string, ts: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex')}`;
}

/**
 * Signs a request body the way Slack does for commands and interactivity.
 * `ts` is Unix seconds (default: now); pass an old one to test Bolt's 5-minute staleness check.
 */
export function signRequest(
  secret: string,
  rawBody: string,
  ts = Math.floor(Date.now() / 1000),
): SignedHeaders {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': slackSignature(secret, rawBody, ts),
  };
}
