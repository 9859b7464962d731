import type { Mils } from '../../lib/money.ts';
import type { EndiciaOperation } from '../types.ts';

/** The operations the simulator serves (the wizard's three). */
export type SimOperation = EndiciaOperation;

/**
 * How the state file's text is kept on disk. The host seals it (the bot: AES-256-GCM with the store's
 * keyring), because the file holds the accounts' pass phrases and nothing on disk may hold one in plain
 * text; `open` answers undefined for text it cannot open (a wrong key, a tampered file).
 */
export interface StateCodec {
  seal(text: string): string;
  open(text: string): string | undefined;
}

/** How an account starts. Money as decimal strings (`'120.5'`); limits default to Endicia's 500/500. */
export interface SimAccountSeed {
  accountId: string;
  passPhrase: string;
  balance: string;
  maxPurchase?: string;
  maxBalance?: string;
  status?: 'active' | 'suspended' | 'closed';
  /** The pass phrase is temporary: BuyPostage answers 2011 until ChangePassPhrase. */
  needsReset?: boolean;
  paymentState?: 'ok' | 'declined' | 'expired' | 'unavailable';
}

/** What an injected fault does (see faults.ts for the exact effect of each). */
export type FaultKind =
  | 'latency'
  | 'http-500'
  | 'html'
  | 'truncated'
  | 'hang'
  | 'reset'
  | 'lost-answer'
  | 'status'
  | 'rewrite';

/** One injected fault; it applies to the next `times` calls of `op` (any op when omitted). */
export interface Fault {
  kind: FaultKind;
  op?: EndiciaOperation;
  /** For 'latency'. */
  ms?: number;
  /** For 'status': the Status to answer with, e.g. 12130. */
  status?: number;
  /** For 'rewrite': turns the real answer's XML into what is sent (another AccountID, an odd balance…). */
  rewrite?: (answer: string) => string;
  /** Default 1; Infinity = until cleared. */
  times?: number;
}

/** A read-only view of one account, for tests and demos. */
export interface SimAccountView {
  accountId: string;
  passPhrase: string;
  /** Last pass phrases, current one last (reuse of any → 12669). */
  history: readonly string[];
  status: 'active' | 'suspended' | 'closed';
  needsReset: boolean;
  badAttempts: number;
  balanceMils: Mils;
  ascendingBalanceMils: Mils;
  controlRegisterMils: Mils;
  serialNumber: number;
  deviceId: string;
  maxPurchaseMils: Mils;
  maxBalanceMils: Mils;
  paymentState: 'ok' | 'declined' | 'expired' | 'unavailable';
  /** Successful BuyPostage calls. */
  recredits: number;
}

/** One call as the simulator saw it (never a pass phrase). */
export interface SimCall {
  op: EndiciaOperation;
  accountId: string | null;
  /** The RequestID sent (null when absent or unreadable). */
  requestId: string | null;
  /** The operation's Status (also when a fault then lost or cut the answer); -1 when it was not run. */
  status: number;
  fault?: FaultKind;
}

/** Answer shapes: `wsdl2021` adds TransactionID/ControlRegister and the value-type tail; `legacy2015` does not. */
export type ResponseShape = 'wsdl2021' | 'legacy2015';

/** Options of createSimulator. */
export interface SimulatorOptions {
  accounts?: readonly SimAccountSeed[];
  shape?: ResponseShape;
  /** Consecutive wrong pass phrases that suspend an account (5). */
  suspendAfter?: number;
  /** What a suspended account answers: 2012 (bad logins, default) or 12525. */
  suspendedStatus?: 2012 | 12525;
  /** Status for an unparsable request document or a wrong root: 12201 (default) or 100002. */
  parseErrorStatus?: 12201 | 100002;
  /** `dotnet` prints balances with their own scale (`30`, `76.5`); `fixed2` always with two decimals. */
  decimalStyle?: 'dotnet' | 'fixed2';
  /** Clock for the Date header. */
  now?: () => Date;
  /** Told about every call as it is recorded (the CLI prints them). */
  onCall?: (call: SimCall) => void;
  /**
   * A JSON file that keeps the accounts (balances, pass phrases, bad attempts, history) across restarts,
   * written atomically after every call; absent = in memory only.
   */
  stateFile?: string;
  /** Seals the state file's text on disk (it holds pass phrases); absent = plain JSON (tests, the CLI). */
  stateCodec?: StateCodec;
  /** Told when writing `stateFile` failed (the simulator keeps answering from memory). */
  onStateError?: (error: unknown) => void;
}

/** A faithful local Endicia Label Server (docs/endicia-els.md §11) on node:http. */
export interface Simulator {
  /** `http://127.0.0.1:PORT/LabelService/EwsLabelService.asmx`; throws before listen(). */
  readonly url: string;
  listen(port?: number, host?: string): Promise<string>;
  /** Stops listening and destroys every open socket (hanging ones included). */
  close(): Promise<void>;
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Delay before every call (0 = none). */
  setLatency(ms: number): void;
  account(accountId: string): Readonly<SimAccountView> | undefined;
  addAccount(seed: SimAccountSeed): void;
  /**
   * Labels printed outside the bot (another app, a person at the printer): the balance falls by `amount`
   * (a plain decimal), postage printed rises by it, and the serial number advances — as Endicia reports it.
   */
  printPostage(accountId: string, amount: string): void;
  readonly calls: ReadonlyArray<SimCall>;
}
