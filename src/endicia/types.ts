import type { Mils } from '../lib/money.ts';
import type { Reconciliation } from '../lib/purchase-outcome.ts';

/** Which label server the bot talks to; `simulator` is the local fake in `./simulator`. */
export type EndiciaEnvironment = 'production' | 'sandbox' | 'simulator';

/** The three ELS operations the wizard uses (names as in the WSDL). */
export type EndiciaOperation = 'GetAccountStatus' | 'BuyPostage' | 'ChangePassPhrase';

/** What authenticates every call. The pass phrase is case- and space-sensitive. */
export interface EndiciaCredentials {
  accountId: string;
  passPhrase: string;
}

/** One GetAccountStatus reading. Money is exact integer mils. */
export interface AccountStatus {
  accountId: string;
  /** CertifiedIntermediary/PostageBalance: what is left to print with. */
  balanceMils: Mils;
  /** CertifiedIntermediary/AscendingBalance: postage printed to date. */
  ascendingBalanceMils: Mils;
  serialNumber: number;
  /** `A` = active, the only documented value. */
  accountStatus: string;
  deviceId: string | null;
  /** Total ever purchased (wsdl2021 answers only); `null` when the server does not send it. */
  controlRegisterMils: Mils | null;
}

/** A BuyPostage (RecreditRequest) that Endicia confirmed. Balances are after the recredit. */
export interface PurchaseResult {
  /** The RequestID we sent (Endicia only echoes it; it is not an idempotency key). */
  requestId: string;
  transactionId: string | null;
  balanceMils: Mils;
  ascendingBalanceMils: Mils;
  controlRegisterMils: Mils | null;
  serialNumber: number;
}

/** What a re-read tells us about a purchase whose answer was lost (the shared purchase-outcome vocabulary). */
export type ReconcileOutcome = Reconciliation<AccountStatus>;

/** Per-call options of GetAccountStatus. */
export interface StatusCallOptions {
  requestId?: string | undefined;
  /** Aborts the read (e.g. the user cancelled the wizard). Never offered for BuyPostage. */
  signal?: AbortSignal | undefined;
}

/** The Endicia Label Server, reduced to what the postage wizard needs. */
export interface EndiciaClient {
  readonly baseUrl: string;
  /**
   * Reads balance and status; also the cheapest credential check.
   * @throws EndiciaApiError (Status ≠ 0) or EndiciaUnavailableError.
   */
  getAccountStatus(credentials: EndiciaCredentials, options?: StatusCallOptions): Promise<AccountStatus>;
  /**
   * Never retried. amountMils must be whole cents, 10.00 ≤ amount ≤ 99,999.99 is the caller's check (the
   * client re-checks format only and throws EndiciaArgumentError).
   * @throws EndiciaApiError, or EndiciaUnavailableError meaning "the answer is lost": reconcile, never retry.
   */
  buyPostage(
    credentials: EndiciaCredentials,
    amountMils: Mils,
    options: { requestId: string },
  ): Promise<PurchaseResult>;
  /** @throws EndiciaApiError (12669 reused, 1001 length…) or EndiciaUnavailableError (outcome unknown). */
  changePassPhrase(
    credentials: EndiciaCredentials,
    newPassPhrase: string,
    options?: { requestId?: string | undefined },
  ): Promise<void>;
  /** After a purchase whose answer was lost: re-read the account and compare with the reading taken before. */
  reconcilePurchase(
    credentials: EndiciaCredentials,
    before: AccountStatus,
    amountMils: Mils,
  ): Promise<ReconcileOutcome>;
}

/** How to reach one label server. */
export interface EndiciaClientOptions {
  /** Ends in `/LabelService/EwsLabelService.asmx` (see ENDICIA_URLS / resolveEndiciaUrl). */
  baseUrl: string;
  /** Partner id sent as RequesterID (`lxxx` on the sandbox). */
  requesterId: string;
  /** Whole-call timeout; got's `timeout.request`. */
  timeoutMs: number;
  /** RequestID generator for calls that were not given one; `crypto.randomUUID` by default. */
  newRequestId?: () => string;
  /** Told of every settled call (metrics); never given credentials or the answer. */
  onCall?: (call: EndiciaCallRecord) => void;
}

/**
 * How one call ended, from a fixed set so it can label a metric. `refused`: Endicia answered with a
 * non-zero Status; `timeout`/`unavailable`: no usable answer.
 */
export type EndiciaCallOutcome = 'ok' | 'refused' | 'timeout' | 'unavailable' | 'error';

/** One settled call, as the client reports it to `onCall`. */
export interface EndiciaCallRecord {
  operation: EndiciaOperation;
  outcome: EndiciaCallOutcome;
  seconds: number;
}
