import { randomBytes } from 'node:crypto';
import { HISTORY_DEPTH } from '../accounts.ts';
import { authenticate } from '../auth.ts';
import { fail, type OpResult, type SimContext, succeed } from '../context.ts';
import type { ElsRequest } from '../request-reader.ts';

/** Pass phrase length rule (DOC13 pp.60, 65), counted like .NET (UTF-16 units). */
const MIN_LENGTH = 5;
const MAX_LENGTH = 64;

/**
 * ChangePassPhrase (§11.6): authenticates with the current phrase (a wrong one counts toward suspension),
 * refuses a phrase among the last four (current included) with 12669, clears `needsReset` and the bad-attempt
 * count, and hands out a token when TokenRequested is true.
 */
export function changePassPhrase(ctx: SimContext, request: ElsRequest): OpResult {
  const auth = authenticate(ctx, request);
  if (!auth.ok) return auth.failure;
  const { account } = auth;
  const next = request.text('NewPassPhrase');
  if (next === undefined || next.length < MIN_LENGTH || next.length > MAX_LENGTH) {
    return fail(1001, 'NewPassPhrase');
  }
  if (account.history.includes(next)) return fail(12669);

  account.passPhrase = next;
  account.history = [...account.history, next].slice(-HISTORY_DEPTH);
  account.needsReset = false;
  account.badAttempts = 0;
  const requested = request.attribute('TokenRequested')?.trim();
  if (requested !== 'true' && requested !== '1') return succeed([]);
  const token = randomBytes(24).toString('base64url');
  ctx.tokens.set(token, account.accountId);
  return succeed([['Token', token]]);
}
