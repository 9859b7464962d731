import { z } from 'zod';
import { type Mils, parseDecimal } from '../lib/money.ts';
import { EndiciaApiError, EndiciaUnavailableError } from './errors.ts';
import type { AccountStatus, EndiciaOperation, PurchaseResult } from './types.ts';
import { parseXml } from './xml.ts';

/** The root element of each operation's answer (POST "…XML" flavour). */
export const RESPONSE_ROOTS = {
  GetAccountStatus: 'AccountStatusResponse',
  BuyPostage: 'RecreditRequestResponse',
  ChangePassPhrase: 'ChangePassPhraseRequestResponse',
} as const satisfies Record<EndiciaOperation, string>;

/** Options of the parsers. */
export interface ParseOptions {
  /** Strings that must never reach an error (the pass phrases of the call): replaced if Endicia echoes them. */
  secrets?: readonly string[];
  /**
   * The account the request named. An answer naming another one is unreadable: shown, recorded or fed to
   * alerts, it would put one account's balance on another.
   */
  accountId?: string;
}

function invalid(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** Decimal money with any scale (`30`, `76.5`, `0.125`), tolerating a sign, as exact mils. */
const money = z.string().transform((text, ctx): Mils => {
  const negative = text.startsWith('-');
  const mils = parseDecimal(negative ? text.slice(1) : text);
  return mils === undefined ? invalid(ctx, 'not a decimal') : negative ? -mils : mils;
});

const integer = z.string().transform((text, ctx) => {
  const value = Number(text);
  return /^-?\d+$/.test(text) && Number.isSafeInteger(value) ? value : invalid(ctx, 'not an integer');
});

/** Absent and empty (`<DeviceID />`) both mean "no value". */
const optionalText = z
  .string()
  .optional()
  .transform((text) => (text === undefined || text === '' ? null : text));

const head = z.object({ Status: integer, ErrorMessage: z.string().optional() });

const balances = z.object({ SerialNumber: integer, PostageBalance: money, AscendingBalance: money });

const accountStatusBody = z.object({
  CertifiedIntermediary: balances.extend({
    AccountID: z.string().min(1),
    AccountStatus: z.string(),
    DeviceID: optionalText,
  }),
  ControlRegister: money.optional(),
});

const recreditBody = z.object({
  // Success answers carry it (ENDPOST cassette); error answers do not, and never get this far.
  CertifiedIntermediary: balances.extend({ AccountID: z.string().optional() }),
  TransactionID: optionalText,
  ControlRegister: money.optional(),
});

function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret ? out.split(secret).join('[redacted]') : out), text);
}

/** Zod paths only (never values), so the detail cannot carry what the server sent. */
function issuePaths(error: z.ZodError): string {
  return error.issues.map((issue) => issue.path.join('/') || '(root)').join(', ');
}

/**
 * Checks the document and Status, the part every answer shares. Status ≠ 0 → EndiciaApiError, read from
 * Status/ErrorMessage only: error answers carry zeroed balances (SerialNumber -1) that are never a balance.
 */
function readSuccess(op: EndiciaOperation, xml: string, options: ParseOptions): unknown {
  const secrets = options.secrets ?? [];
  const malformed = (detail: string) =>
    new EndiciaUnavailableError(op, 'malformed', { detail: scrub(detail, secrets) });
  const doc = parseXml(xml);
  if (!doc) throw malformed('not a well-formed XML document');
  if (doc.root !== RESPONSE_ROOTS[op]) throw malformed(`root ${doc.root}, expected ${RESPONSE_ROOTS[op]}`);
  const parsed = head.safeParse(doc.content);
  if (!parsed.success) throw malformed(`bad ${issuePaths(parsed.error)}`);
  if (parsed.data.Status !== 0) {
    throw new EndiciaApiError(op, parsed.data.Status, scrub(parsed.data.ErrorMessage ?? '', secrets));
  }
  return doc.content;
}

function shape<T extends z.ZodType>(
  op: EndiciaOperation,
  schema: T,
  content: unknown,
  secrets: ParseOptions,
) {
  const parsed = schema.safeParse(content);
  if (parsed.success) return parsed.data as z.output<T>;
  const detail = scrub(`bad ${issuePaths(parsed.error)}`, secrets.secrets ?? []);
  throw new EndiciaUnavailableError(op, 'malformed', { detail });
}

/** An answer about another account than the one asked about is unreadable (never shown or recorded). */
function sameAccount(op: EndiciaOperation, answered: string, options: ParseOptions): void {
  if (options.accountId !== undefined && answered.trim() !== options.accountId) {
    throw new EndiciaUnavailableError(op, 'malformed', { detail: 'the answer names another account' });
  }
}

/** AccountStatusResponse → AccountStatus. @throws EndiciaApiError | EndiciaUnavailableError('malformed') */
export function parseAccountStatusResponse(xml: string, options: ParseOptions = {}): AccountStatus {
  const body = shape(
    'GetAccountStatus',
    accountStatusBody,
    readSuccess('GetAccountStatus', xml, options),
    options,
  );
  const ci = body.CertifiedIntermediary;
  sameAccount('GetAccountStatus', ci.AccountID, options);
  return {
    accountId: ci.AccountID,
    balanceMils: ci.PostageBalance,
    ascendingBalanceMils: ci.AscendingBalance,
    serialNumber: ci.SerialNumber,
    accountStatus: ci.AccountStatus,
    deviceId: ci.DeviceID,
    controlRegisterMils: body.ControlRegister ?? null,
  };
}

/** RecreditRequestResponse → PurchaseResult. @throws EndiciaApiError | EndiciaUnavailableError('malformed') */
export function parseRecreditResponse(
  xml: string,
  requestId: string,
  options: ParseOptions = {},
): PurchaseResult {
  const body = shape('BuyPostage', recreditBody, readSuccess('BuyPostage', xml, options), options);
  const ci = body.CertifiedIntermediary;
  if (ci.AccountID !== undefined) sameAccount('BuyPostage', ci.AccountID, options);
  return {
    requestId,
    transactionId: body.TransactionID,
    balanceMils: ci.PostageBalance,
    ascendingBalanceMils: ci.AscendingBalance,
    controlRegisterMils: body.ControlRegister ?? null,
    serialNumber: ci.SerialNumber,
  };
}

/** ChangePassPhraseRequestResponse: returns when Status is 0. @throws like the other parsers */
export function parseChangePassPhraseResponse(xml: string, options: ParseOptions = {}): void {
  readSuccess('ChangePassPhrase', xml, options);
}
