import { createLogger, type Logger } from '../../../src/lib/logger.ts';
import type { AlertSubscription, PurchaseRecord, RememberedCredentials } from '../../../src/store/index.ts';

/** Obviously fake, with every character that breaks naive escaping. */
export const PASS_PHRASE = `fake <pass> & "phrase" 'zebra-4417'`;

/** base64 of 32 bytes, obviously fake (patterns, not randomness). */
export const KEY_A = Buffer.alloc(32, 0xa1).toString('base64');
export const KEY_B = Buffer.alloc(32, 0xb2).toString('base64');
export const KEY_C = Buffer.alloc(32, 0xc3).toString('base64');

export function credentials(overrides: Partial<RememberedCredentials> = {}): RememberedCredentials {
  return {
    accountId: '2500001',
    passPhrase: PASS_PHRASE,
    savedAt: '2026-01-02T03:04:05.000Z',
    monitorBlockedAt: null,
    ...overrides,
  };
}

export function subscription(overrides: Partial<AlertSubscription> = {}): AlertSubscription {
  return {
    teamId: 'T1',
    channelId: 'C1',
    ownerUserId: 'U1',
    accountId: '2500001',
    thresholdMils: 50_000,
    state: 'armed',
    alertMessageTs: null,
    lastBalanceMils: null,
    lastCheckedAt: null,
    createdAt: '2026-01-02T03:04:05.000Z',
    ...overrides,
  };
}

export function purchase(overrides: Partial<PurchaseRecord> = {}): PurchaseRecord {
  return {
    requestId: 'req-1',
    teamId: 'T1',
    userId: 'U1',
    accountId: '2500001',
    amountMils: 25_000,
    balanceBeforeMils: 10_000,
    balanceAfterMils: null,
    transactionId: null,
    message: null,
    state: 'pending',
    channelId: 'C1',
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    ...overrides,
  };
}

/** One parsed log line. */
export interface LogRecord {
  level: string;
  msg: string;
  code?: unknown;
  reason?: unknown;
  [field: string]: unknown;
}

/** A logger whose lines are kept (and parsed on demand) for assertions. */
export function captureLogger(): { logger: Logger; lines: string[]; records: () => LogRecord[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as LogRecord) };
}

/** The forms a secret could take on disk: raw, JSON-escaped, and base64 at each of the three alignments. */
export function secretForms(secret: string): string[] {
  const forms = [secret, JSON.stringify(secret).slice(1, -1)];
  for (const pad of ['', 'x', 'xy']) {
    const encoded = Buffer.from(pad + secret).toString('base64');
    // Drop the characters that also depend on neighbouring bytes.
    forms.push(encoded.slice(pad.length === 0 ? 0 : 4, -4));
  }
  return forms;
}
