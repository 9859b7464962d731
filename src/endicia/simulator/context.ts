import type { SimAccount } from './accounts.ts';
import { messageFor } from './messages.ts';
import type { ResponseShape } from './types.ts';
import type { XmlElement } from './xml-writer.ts';

/** Behaviour knobs fixed at creation. */
export interface SimSettings {
  shape: ResponseShape;
  suspendAfter: number;
  suspendedStatus: 2012 | 12525;
  parseErrorStatus: 12201 | 100002;
  decimalStyle: 'dotnet' | 'fixed2';
}

/** Everything an operation may read or change. Operations are synchronous, so each call is atomic. */
export interface SimContext {
  readonly accounts: Map<string, SimAccount>;
  /** Token → account number (ChangePassPhrase with TokenRequested). */
  readonly tokens: Map<string, string>;
  readonly settings: SimSettings;
  nextLogId(): string;
  nextTransactionId(): string;
}

/** An operation's outcome before it is written as XML: a success body or a Status with its text. */
export type OpResult = { ok: true; body: readonly XmlElement[] } | OpFailure;

/** A refusal: Status ≠ 0 and Endicia's message (the Log ID suffix is added when writing). */
export interface OpFailure {
  ok: false;
  status: number;
  message: string;
}

/** A refusal with the documented text; `subject` fills "Account #{n}" or "data element: {name}". */
export function fail(status: number, subject?: string): OpFailure {
  return { ok: false, status, message: messageFor(status, subject) };
}

/** A success whose body follows Status/RequesterID/RequestID. */
export function succeed(body: readonly XmlElement[]): OpResult {
  return { ok: true, body };
}
