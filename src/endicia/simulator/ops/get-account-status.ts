import { accountStatusTail, certifiedIntermediary, money } from '../answers.ts';
import { authenticate } from '../auth.ts';
import { fail, type OpResult, type SimContext, succeed } from '../context.ts';
import type { ElsRequest } from '../request-reader.ts';

/**
 * GetAccountStatus (§11.4): a temporary pass phrase does not block it (the wizard needs the status).
 * ResponseVersion may be absent (= 0); anything but 0/1 is an invalid element.
 */
export function getAccountStatus(ctx: SimContext, request: ElsRequest): OpResult {
  const auth = authenticate(ctx, request);
  if (!auth.ok) return auth.failure;
  const version = request.attribute('ResponseVersion');
  if (version !== undefined && version !== '0' && version !== '1') return fail(1001, 'ResponseVersion');
  const { account } = auth;
  const tail =
    ctx.settings.shape === 'wsdl2021' ? accountStatusTail(money(ctx, account.controlRegisterMils)) : [];
  return succeed([certifiedIntermediary(ctx, account), ...tail]);
}
