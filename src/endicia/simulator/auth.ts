import type { SimAccount } from './accounts.ts';
import { fail, type OpFailure, type SimContext } from './context.ts';
import type { ElsRequest } from './request-reader.ts';

/** Who the request is, or why it is refused. */
export type AuthOutcome = { ok: true; account: SimAccount } | { ok: false; failure: OpFailure };

function refuse(failure: OpFailure): AuthOutcome {
  return { ok: false, failure };
}

function stateFailure(ctx: SimContext, account: SimAccount): OpFailure | undefined {
  if (account.status === 'closed') return fail(2015, account.accountId);
  if (account.status === 'suspended') return fail(ctx.settings.suspendedStatus, account.accountId);
  return undefined;
}

/**
 * The shared authentication of every operation, in the order of docs/endicia-els.md §11.3: RequesterID,
 * token or account number, account state, then the pass phrase (exact: case and spaces count). Wrong phrases
 * count consecutively; the one that reaches `suspendAfter` still answers 12507 but suspends the account.
 */
export function authenticate(ctx: SimContext, request: ElsRequest): AuthOutcome {
  const requesterId = request.text('RequesterID');
  if (!requesterId || requesterId.length > 50) return refuse(fail(1001, 'RequesterID'));

  const token = request.text('CertifiedIntermediary', 'Token');
  if (token) {
    const account = ctx.accounts.get(ctx.tokens.get(token) ?? '');
    if (!account) return refuse(fail(12507));
    const state = stateFailure(ctx, account);
    return state ? refuse(state) : { ok: true, account };
  }

  const accountId = request.text('CertifiedIntermediary', 'AccountID')?.trim();
  if (!accountId) return refuse(fail(1001, 'AccountID'));
  const account = ctx.accounts.get(accountId);
  if (!account) return refuse(fail(12101));
  const state = stateFailure(ctx, account);
  if (state) return refuse(state);

  const passPhrase = request.text('CertifiedIntermediary', 'PassPhrase');
  if (!passPhrase) return refuse(fail(1001, 'PassPhrase'));
  if (passPhrase !== account.passPhrase) {
    account.badAttempts += 1;
    if (account.badAttempts >= ctx.settings.suspendAfter) account.status = 'suspended';
    return refuse(fail(12507));
  }
  account.badAttempts = 0;
  return { ok: true, account };
}
