import { answerXml } from './answers.ts';
import { fail, type OpResult, type SimContext } from './context.ts';
import { buyPostage } from './ops/buy-postage.ts';
import { changePassPhrase } from './ops/change-pass-phrase.ts';
import { getAccountStatus } from './ops/get-account-status.ts';
import { type ElsRequest, readRequest } from './request-reader.ts';
import type { SimOperation } from './types.ts';

interface OperationSpec {
  /** Form field / query parameter (canonical case; matched case-insensitively). */
  field: string;
  requestRoot: string;
  run: (ctx: SimContext, request: ElsRequest) => OpResult;
}

// Written out here rather than shared with the client, so a wrong constant there cannot hide in both.
/** Path `…/EwsLabelService.asmx/{Op}XML` → spec. */
export const OPERATIONS: Readonly<Record<SimOperation, OperationSpec>> = {
  GetAccountStatus: {
    field: 'accountStatusRequestXML',
    requestRoot: 'AccountStatusRequest',
    run: getAccountStatus,
  },
  BuyPostage: { field: 'recreditRequestXML', requestRoot: 'RecreditRequest', run: buyPostage },
  ChangePassPhrase: {
    field: 'changePassPhraseRequestXML',
    requestRoot: 'ChangePassPhraseRequest',
    run: changePassPhrase,
  },
};

/** What one call produced. */
export interface OperationOutcome {
  status: number;
  accountId: string | null;
  requestId: string | null;
  answer: string;
}

/** Who and which request a call was, for the call log (nulls when unreadable). */
export function identify(request: ElsRequest | undefined): {
  accountId: string | null;
  requestId: string | null;
} {
  return {
    accountId: request?.text('CertifiedIntermediary', 'AccountID')?.trim() || null,
    requestId: request?.text('RequestID') ?? null,
  };
}

/** Runs one request document through its operation; unparsable XML or the wrong root answers 12201 (or 100002). */
export function runOperation(ctx: SimContext, op: SimOperation, xml: string): OperationOutcome {
  const request = readRequest(xml);
  const result =
    request === undefined || request.root !== OPERATIONS[op].requestRoot
      ? fail(ctx.settings.parseErrorStatus)
      : OPERATIONS[op].run(ctx, request);
  return {
    status: result.ok ? 0 : result.status,
    ...identify(request),
    answer: answerXml(ctx, op, request, result),
  };
}

/** An error answer for a Status chosen from outside (the 'status' fault); nothing is applied. */
export function refuseOperation(
  ctx: SimContext,
  op: SimOperation,
  xml: string,
  status: number,
): OperationOutcome {
  const request = readRequest(xml);
  const who = identify(request);
  return { status, ...who, answer: answerXml(ctx, op, request, fail(status, who.accountId ?? '')) };
}
