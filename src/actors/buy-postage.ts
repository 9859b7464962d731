import { fromPromise } from 'xstate';
import { EndiciaApiError, EndiciaArgumentError, type EndiciaCredentials } from '../endicia/index.ts';
import { waitForLease } from '../lib/lease.ts';
import {
  type AccountView,
  type BuyPostageInput,
  type BuyPostageOutput,
  FlowError,
  failure,
  lostPurchaseAnswer,
  spendRefusal,
} from '../machine/index.ts';
import { CountedRefusalError, nothingSent, RememberedLoginUnusableError } from '../never-lock/index.ts';
import type { PurchaseRecord } from '../store/index.ts';
import { toAccountView } from './account-view.ts';
import type { ActorDeps } from './deps.ts';
import { toFlowError } from './endicia-failure.ts';

// A login reading older than this is re-read before buying, so a lost answer is reconciled against a
// recent balance (someone else may have bought or printed in between).
const FRESH_BASELINE_MS = 2 * 60 * 1000;

/**
 * BuyPostage, at most once per confirmation.
 *
 * Endicia has no idempotency key, so the purchase journal is ours: `requestId` (made when the user
 * reviewed the amount) is claimed before the call. A second attempt with the same id (double click, a
 * restart mid-purchase, a replayed submission) never reaches Endicia: it returns the recorded result, or
 * — when the first attempt's outcome is not known — asks the machine to reconcile from the balance.
 */
export function buyPostageActor(deps: ActorDeps) {
  return fromPromise<BuyPostageOutput, BuyPostageInput>(async ({ input }) => {
    const amountMils = input.amountCents * 10;
    const { record, before, claim } = await underSpendLease(deps, input, async (committed) => {
      await spendingAllows(deps, input, amountMils);
      return claimJournal(deps, input, amountMils, await baseline(deps, input), committed);
    });
    if (!claim.claimed) return replay(claim.existing, input);

    let result: Awaited<ReturnType<typeof deps.endicia.buyPostage>>;
    try {
      // BuyPostage authenticates with the pass phrase too: it counts toward a suspension like a login.
      result = await sendPassPhrase(deps, input, (credentials) =>
        deps.endicia.buyPostage(credentials, amountMils, { requestId: input.requestId }),
      );
    } catch (error) {
      // A definite answer (Endicia refused) or nothing sent at all (our own argument check, the guard): not bought.
      const answer = error instanceof CountedRefusalError ? error.refusal : error;
      if (answer instanceof EndiciaApiError || answer instanceof EndiciaArgumentError || nothingSent(error)) {
        const message = answer instanceof EndiciaApiError ? answer.endiciaMessage || null : null;
        await journal(deps, input.requestId, { state: 'failed', message });
        await audit(deps, record, { state: 'failed', transactionId: null, message });
        throw notBought(error);
      }
      deps.logger.warn('purchase answer lost', { requestId: input.requestId, error });
      await journal(deps, input.requestId, { state: 'unconfirmed' });
      await audit(deps, record, { state: 'unconfirmed', transactionId: null, message: null });
      throw lostPurchaseAnswer();
    }

    if (!plausible(before, result, amountMils)) {
      // Status 0 that contradicts itself (the balance did not grow by the amount, or fell): never
      // "Postage bought" on its word. The machine reconciles from a fresh reading instead.
      deps.logger.warn('purchase answer contradicts itself; reconciling', {
        requestId: input.requestId,
        before: before.balanceMils,
        after: result.balanceMils,
        amountMils,
      });
      await journal(deps, input.requestId, { state: 'unconfirmed' });
      await audit(deps, record, { state: 'unconfirmed', transactionId: result.transactionId, message: null });
      throw lostPurchaseAnswer();
    }

    const message = result.transactionId
      ? `Endicia accepted the purchase (transaction ${result.transactionId}).`
      : 'Endicia accepted the purchase.';
    await journal(deps, input.requestId, {
      state: 'confirmed',
      balanceAfterMils: result.balanceMils,
      transactionId: result.transactionId,
      message,
    });
    await audit(deps, record, { state: 'confirmed', transactionId: result.transactionId, message });
    const at = deps.now();
    deps.onBalanceRead?.({
      source: 'purchase',
      teamId: input.teamId,
      accountId: record.accountId,
      balanceMils: result.balanceMils,
      at,
    });
    return {
      transactionId: result.transactionId,
      balanceAfterMils: result.balanceMils,
      message,
      status: toAccountView(
        {
          accountId: record.accountId,
          balanceMils: result.balanceMils,
          ascendingBalanceMils: result.ascendingBalanceMils,
          serialNumber: result.serialNumber,
          accountStatus: input.before.accountStatus,
          deviceId: null,
          controlRegisterMils: result.controlRegisterMils,
        },
        at,
      ),
    };
  });
}

/**
 * Every pass phrase this actor sends goes through the never-lock module: a typed one under the typed
 * rules; an automatic reload's remembered one under the unattended rules (never after a refusal).
 * Throws what `send` threw (a refusal included), or an error `nothingSent` recognizes.
 */
async function sendPassPhrase<T>(
  deps: ActorDeps,
  input: BuyPostageInput,
  send: (credentials: EndiciaCredentials) => Promise<T>,
): Promise<T> {
  if (input.unattended !== true) {
    return deps.remembered.useTyped(input.teamId, input.userId, input.credentials, () =>
      send(input.credentials),
    );
  }
  const use = await deps.remembered.useRemembered(
    input.teamId,
    input.userId,
    input.credentials.accountId,
    send,
  );
  if (use.kind === 'ok') return use.value;
  if (use.kind === 'failed') throw use.error;
  throw new RememberedLoginUnusableError(use.kind);
}

/** The purchase claimed in the journal under its request id (made when the amount was reviewed). */
async function claimJournal(
  deps: ActorDeps,
  input: BuyPostageInput,
  amountMils: number,
  before: AccountView,
  onCommitted: () => void,
) {
  const now = deps.now().toISOString();
  const record: PurchaseRecord = {
    requestId: input.requestId,
    teamId: input.teamId,
    userId: input.userId,
    accountId: input.credentials.accountId,
    amountMils,
    balanceBeforeMils: before.balanceMils,
    balanceAfterMils: null,
    transactionId: null,
    message: null,
    state: 'pending',
    channelId: input.channelId,
    // Whose heartbeat says this claim is in flight; once it lapses, another instance settles it.
    ownerInstance: deps.instanceId ?? null,
    viewId: input.viewId,
    createdAt: now,
    updatedAt: now,
  };
  const claim = await deps.purchases.begin(record, { onCommitted }).catch((error: unknown) => {
    deps.logger.error('purchase journal unavailable; not buying', { requestId: input.requestId, error });
    throw new FlowError(failure('JOURNAL_UNAVAILABLE'));
  });
  return { record, before, claim };
}

/**
 * Runs "check limits → claim" while holding the workspace's `spend:<team>` lease (when several instances
 * share the store): once claimed, a purchase counts as spent, so the next check sees it. Without the
 * lease two purchases at once could both pass a limit only one of them fits under. The owner is the
 * purchase, not the instance: two purchases on one instance must wait for each other too.
 *
 * `work` calls `committed` once its claim is visible to every instance: the lease is let go then, before
 * the claim's sync to disk, so the next purchase's claim can share that sync (group commit). A claim lost
 * to a power cut takes every later one with it (one WAL, or PostgreSQL's commit order), so no purchase can
 * have been judged against a claim that vanished while its own stayed.
 */
async function underSpendLease<T>(
  deps: ActorDeps,
  input: BuyPostageInput,
  work: (committed: () => void) => Promise<T>,
): Promise<T> {
  const shared = deps.spendLease;
  if (!deps.spending || !shared) return work(() => undefined);
  const held = await waitForLease(
    shared.leases,
    `spend:${input.teamId}`,
    `${deps.instanceId ?? 'instance'}:${input.requestId}`,
    {
      ttlMs: shared.ttlMs,
      waitMs: shared.waitMs,
      onLost: (error) => deps.logger.warn('lost the spending lease while checking limits', { error }),
    },
  ).catch((error: unknown) => {
    deps.logger.error('could not take the spending lease; not buying', { requestId: input.requestId, error });
    throw new FlowError(failure('JOURNAL_UNAVAILABLE'));
  });
  let released: Promise<void> | undefined;
  const release = () => {
    // Not given back = it lapses after its TTL; the claim is written either way.
    released ??= held
      .release()
      .catch((error: unknown) => deps.logger.warn('could not release the spending lease', { error }));
    return released;
  };
  try {
    return await work(() => void release());
  } finally {
    await release();
  }
}

/**
 * A success answer whose balance grew by at least the amount (and its control register too, when known).
 * More is possible (someone else bought since the reading); less — unchanged, or fallen — contradicts
 * the "bought" it claims (labels printed meanwhile also land here, and the re-read settles it).
 */
function plausible(
  before: AccountView,
  result: { balanceMils: number; controlRegisterMils: number | null },
  amountMils: number,
): boolean {
  if (result.balanceMils - before.balanceMils < amountMils) return false;
  const [from, to] = [before.controlRegisterMils, result.controlRegisterMils];
  return from === null || to === null || to - from >= amountMils;
}

/** The reading to reconcile against: the login's if recent, else a fresh one (nothing is bought if it fails). */
async function baseline(deps: ActorDeps, input: BuyPostageInput): Promise<AccountView> {
  const age = deps.now().getTime() - Date.parse(input.before.readAt);
  if (age <= FRESH_BASELINE_MS) return input.before;
  try {
    const status = await sendPassPhrase(deps, input, (credentials) =>
      deps.endicia.getAccountStatus(credentials),
    );
    return toAccountView(status, deps.now());
  } catch (error) {
    throw notBought(error);
  }
}

/**
 * The rejection for a purchase that surely did not happen (refused, or never sent): an unexpected error
 * says so, where a login's or a pass-phrase change's would not.
 */
function notBought(error: unknown): FlowError {
  const flow = toFlowError(error);
  if (error instanceof FlowError || flow.failure.kind !== 'internal') return flow;
  return new FlowError(failure('INTERNAL', { purchase: true }));
}

/** The same confirmation again: never a second call to Endicia. */
function replay(existing: PurchaseRecord, input: BuyPostageInput): BuyPostageOutput {
  if (existing.state === 'confirmed' && existing.balanceAfterMils !== null) {
    return {
      transactionId: existing.transactionId,
      balanceAfterMils: existing.balanceAfterMils,
      message: existing.message,
      status: { ...input.before, balanceMils: existing.balanceAfterMils, readAt: existing.updatedAt },
    };
  }
  if (existing.state === 'failed') {
    throw new FlowError(failure('PURCHASE_ALREADY_REFUSED', { said: existing.message }));
  }
  // pending (we stopped mid-call) or unconfirmed: the outcome is unknown; the balance must decide.
  throw lostPurchaseAnswer();
}

/**
 * Buyers and limits, before anything is sent (a non-buyer's login is never used). A replay of a claimed
 * request id skips it: that purchase is counted already, and the journal answers for it.
 */
async function spendingAllows(deps: ActorDeps, input: BuyPostageInput, amountMils: number): Promise<void> {
  if (!deps.spending || (await deps.purchases.get(input.requestId))) return;
  const verdict = await deps.spending
    .check(input.teamId, input.userId, amountMils)
    .catch((error: unknown) => {
      deps.logger.error('spending limits unreadable; not buying', { requestId: input.requestId, error });
      throw new FlowError(failure('JOURNAL_UNAVAILABLE'));
    });
  if (verdict.kind === 'ok') return;
  throw new FlowError(
    failure('SPENDING_REFUSED', { message: spendRefusal(verdict), atAmount: verdict.kind !== 'not-buyer' }),
  );
}

/** The purchase's line in the audit trail (best effort: the journal is the record that prevents repeats). */
async function audit(
  deps: ActorDeps,
  record: PurchaseRecord,
  outcome: { state: PurchaseRecord['state']; transactionId: string | null; message: string | null },
): Promise<void> {
  await deps.audit
    ?.add({
      id: `purchase:${record.requestId}`,
      teamId: record.teamId,
      kind: 'purchase',
      actorId: record.userId,
      subjectId: null,
      accountId: record.accountId,
      amountMils: record.amountMils,
      transactionId: outcome.transactionId,
      detail: `${outcome.state}${outcome.message ? `: ${outcome.message}` : ''}`,
      at: deps.now().toISOString(),
    })
    .catch((error: unknown) =>
      deps.logger.error('could not record the purchase in the audit trail', { error }),
    );
}

/** Journal writes after Endicia answered must not turn a real purchase into an error: log and go on. */
async function journal(
  deps: ActorDeps,
  requestId: string,
  patch: Parameters<ActorDeps['purchases']['update']>[1],
) {
  try {
    await deps.purchases.update(requestId, patch);
  } catch (error) {
    deps.logger.error('could not record the purchase outcome', { requestId, state: patch.state, error });
  }
}
