import { centsToMils } from '../../../lib/money.ts';
import type { SimAccount } from '../accounts.ts';
import { certifiedIntermediary, money } from '../answers.ts';
import { authenticate } from '../auth.ts';
import { fail, type OpResult, type SimContext, succeed } from '../context.ts';
import { parseAmountCents } from '../decimals.ts';
import type { ElsRequest } from '../request-reader.ts';

const PAYMENT_FAILURES: Readonly<Record<SimAccount['paymentState'], number | undefined>> = {
  ok: undefined,
  declined: 12128,
  expired: 12117,
  unavailable: 12132,
};

/** Hard limits in cents: more than zero and under $100,000 (1020); at least $10.00 (12118). */
const HARD_MAX_CENTS = 10_000_000n;
const MIN_CENTS = 1_000n;

/**
 * BuyPostage / RecreditRequest (§11.5), checks in documented order. No dedupe on RequestID: the same request
 * twice buys twice, exactly like Endicia.
 */
export function buyPostage(ctx: SimContext, request: ElsRequest): OpResult {
  const auth = authenticate(ctx, request);
  if (!auth.ok) return auth.failure;
  const { account } = auth;
  if (account.needsReset) return fail(2011, account.accountId);

  const text = request.text('RecreditAmount');
  const cents = text === undefined ? undefined : parseAmountCents(text);
  if (cents === undefined) return fail(1001, 'RecreditAmount');
  if (cents <= 0n || cents >= HARD_MAX_CENTS) return fail(1020);
  if (cents < MIN_CENTS) return fail(12118);
  const amountMils = centsToMils(Number(cents));
  if (amountMils > account.maxPurchaseMils || account.balanceMils + amountMils > account.maxBalanceMils) {
    return fail(12119);
  }
  const paymentFailure = PAYMENT_FAILURES[account.paymentState];
  if (paymentFailure !== undefined) return fail(paymentFailure);

  account.balanceMils += amountMils;
  account.controlRegisterMils += amountMils;
  account.recredits += 1;
  const transactionId = ctx.nextTransactionId();
  const body = [certifiedIntermediary(ctx, account)];
  if (ctx.settings.shape === 'wsdl2021') {
    body.push(['TransactionID', transactionId], ['ControlRegister', money(ctx, account.controlRegisterMils)]);
  }
  return succeed(body);
}
