import { toDecimalString } from '../../lib/money.ts';
import type { PurchaseRecord } from '../../store/index.ts';

/** The export's columns, in order (documented in README.md). Money as exact dollar strings. */
export const CSV_COLUMNS = [
  'created_at',
  'request_id',
  'user_id',
  'account',
  'amount_usd',
  'state',
  'balance_before_usd',
  'balance_after_usd',
  'transaction_id',
  'channel_id',
  'response_message',
] as const;

const money = (mils: number | null) => (mils === null ? '' : toDecimalString(mils));

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text a spreadsheet would
 * run as a formula (=, +, -, @ first) gets a leading apostrophe.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The workspace's purchases as CSV (header first, CRLF line ends), in the order given. */
export function purchasesCsv(records: readonly PurchaseRecord[]): string {
  const rows = records.map((r) =>
    [
      r.createdAt,
      r.requestId,
      r.userId,
      r.accountId,
      money(r.amountMils),
      r.state,
      money(r.balanceBeforeMils),
      money(r.balanceAfterMils),
      r.transactionId ?? '',
      r.channelId ?? '',
      r.message ?? '',
    ].map((v, i) => (i === 4 || i === 6 || i === 7 ? v : field(v))),
  );
  return `${[CSV_COLUMNS.join(','), ...rows.map((row) => row.join(','))].join('\r\n')}\r\n`;
}
