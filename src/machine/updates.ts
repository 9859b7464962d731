import type { BuyPostageOutput, ReconcilePurchaseOutput, VerifyAccountOutput } from './contracts.ts';
import { type Failure, isOverAccountLimit, isTemporaryPassPhrase } from './errors.ts';
import { atField, failure } from './failures.ts';
import { notices } from './messages.ts';
import type { PurchaseView, WizardContext, WizardEvent } from './types.ts';
import { accountIdSchema } from './validation.ts';

/*
 * Pure context updates, one per thing that happens; the machine's named actions only apply them.
 * Kept apart from the machine so each reads as a plain function of (context, what happened).
 */

type Update = Partial<WizardContext>;
type LoginEvent = Extract<WizardEvent, { type: 'LOGIN' }>;
type ReviewEvent = Extract<WizardEvent, { type: 'REVIEW' }>;
type ChangeEvent = Extract<WizardEvent, { type: 'CHANGE' }>;

const cleared = { failure: null, notice: null } as const;

export function loginStarted(event: LoginEvent): Update {
  return { ...cleared, accountId: event.accountId.trim(), remember: event.remember, reveal: event.reveal };
}

export function loggedIn(output: VerifyAccountOutput): Update {
  return {
    credentials: output.credentials,
    status: output.status,
    accountId: output.credentials.accountId,
    pendingPassPhrase: null,
    // A limit Endicia stated belongs to the account logged in then.
    refusedOverLimitCents: null,
  };
}

/** Wrong pass phrase / unknown account / unavailable: back to the account page, error on its field. */
export function loginFailed(failure: Failure): Update {
  const field = failure.kind === 'authentication' && failure.field === null ? 'passPhrase' : failure.field;
  return { credentials: null, status: null, pendingPassPhrase: null, failure: atField(failure, field) };
}

export function rememberSaved(context: WizardContext): Update {
  const accountId = context.credentials?.accountId ?? null;
  // A login right after a pass phrase change keeps the "was changed" notice in front.
  const withEarlier = (notice: string | null) =>
    [context.notice, notice].filter((part) => part !== null && part !== '').join(' ') || null;
  if (context.remember && accountId !== null)
    return { remembered: { accountId }, notice: withEarlier(notices.remembered) };
  return { remembered: null, notice: withEarlier(context.remembered === null ? null : notices.forgotten) };
}

/** The login stands; only the preference was not saved. */
export function rememberFailed(context: WizardContext): Update {
  return { notice: context.remember ? notices.rememberFailed : notices.forgetFailed };
}

export function reviewed(context: WizardContext, event: ReviewEvent): Update {
  if (context.status === null) return {};
  const purchase: PurchaseView = {
    requestId: event.requestId,
    amountCents: event.amountCents,
    before: context.status,
    transactionId: null,
    balanceAfterMils: null,
    message: null,
    outcome: null,
    confirmedBy: null,
  };
  return { ...cleared, amountCents: event.amountCents, purchase };
}

export function purchased(context: WizardContext, output: BuyPostageOutput): Update {
  if (context.purchase === null) return {};
  return {
    failure: null,
    status: output.status,
    responseMessage: output.message,
    purchase: {
      ...context.purchase,
      transactionId: output.transactionId,
      balanceAfterMils: output.balanceAfterMils,
      message: output.message,
      outcome: 'confirmed',
      confirmedBy: 'endicia',
    },
  };
}

/** Endicia refused (amount, limit, payment…): its message goes back on the details page. */
export function purchaseRefused(context: WizardContext, failure: Failure): Update {
  // A temporary pass phrase is about the login, not Endicia's answer to this purchase: once changed, gone.
  const responseMessage = isTemporaryPassPhrase(failure) ? null : failure.message;
  const refused = context.purchase?.amountCents ?? null;
  const known = context.refusedOverLimitCents ?? null;
  const refusedOverLimitCents =
    isOverAccountLimit(failure) && refused !== null ? Math.min(refused, known ?? refused) : known;
  return { failure, responseMessage, purchase: null, refusedOverLimitCents };
}

export function reconciled(context: WizardContext, output: ReconcilePurchaseOutput): Update {
  if (context.purchase === null) return {};
  if (output.outcome === 'confirmed') {
    const balanceAfterMils = output.status.balanceMils;
    return {
      failure: null,
      status: output.status,
      purchase: { ...context.purchase, balanceAfterMils, outcome: 'confirmed', confirmedBy: 'balance' },
    };
  }
  return unconfirmed(context, output.status);
}

/** The answer was lost and the balance does not prove the purchase: say so, with the balance if read. */
export function unconfirmed(context: WizardContext, status: ReconcilePurchaseOutput['status']): Update {
  if (context.purchase === null) return {};
  const balanceAfterMils = status?.balanceMils ?? null;
  return {
    status: status ?? context.status,
    failure: failure('PURCHASE_UNCONFIRMED', { balanceMils: balanceAfterMils }),
    purchase: { ...context.purchase, balanceAfterMils, outcome: 'unconfirmed', confirmedBy: null },
  };
}

export function changeStarted(context: WizardContext, event: ChangeEvent): Update {
  const accountId = event.accountId.trim();
  // Kept for the logged-in account (its credentials follow) or, not logged in, to log in with right after.
  const ours = context.credentials === null || context.credentials.accountId === accountId;
  return { ...cleared, accountId, pendingPassPhrase: ours ? event.newPassPhrase : null };
}

/** Changed from the account page: the notice, and the new pass phrase kept for the login that follows. */
export function changedBeforeLogin(context: WizardContext): Update {
  return { notice: notices.passPhraseChanged(context.accountId ?? '') };
}

export function changed(context: WizardContext): Update {
  const { credentials, pendingPassPhrase, accountId } = context;
  const updated = credentials !== null && pendingPassPhrase !== null;
  return {
    pendingPassPhrase: null,
    credentials: updated ? { ...credentials, passPhrase: pendingPassPhrase } : credentials,
    notice: notices.passPhraseChanged(accountId ?? ''),
  };
}

/** 12507 points at the current pass phrase, 12669 (reused) at the new one. */
export function changeFailed(failure: Failure): Update {
  let field = failure.field;
  if (failure.kind === 'pass-phrase-reused') field = 'newPassPhrase';
  else if (failure.kind === 'authentication' && field !== 'accountId') field = 'currentPassPhrase';
  return { pendingPassPhrase: null, failure: atField(failure, field) };
}

/** An account number typed on the account page (not submitted) carries into Change Pass Phrase. */
export function typedAccount(typed: string | undefined): Update {
  const parsed = accountIdSchema.safeParse(typed ?? '');
  return parsed.success ? { accountId: parsed.data } : {};
}

/**
 * "Use another account": a blank account page, as for someone else. The account number, the remembered
 * prefill and the Remember tick all go (the stored login itself stays; closing does not forget it).
 */
export function loggedOut(): Update {
  return {
    ...cleared,
    credentials: null,
    status: null,
    purchase: null,
    responseMessage: null,
    accountId: null,
    remembered: null,
    remember: false,
    reveal: false,
    refusedOverLimitCents: null,
  };
}
