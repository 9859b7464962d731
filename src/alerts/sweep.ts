import { type AccountStatus, EndiciaApiError, EndiciaUnavailableError } from '../endicia/index.ts';
import type { ApplyOutcome, ReadingApplier } from './apply-reading.ts';
import type { AccountGroup, Ineligible, OwnerLogin } from './groups.ts';
import { groupByAccount } from './groups.ts';
import { blockRefusedLogins, isCredentialRefusal } from './refusal.ts';
import type { Semaphore } from './semaphore.ts';
import { createPauser, spreadOffset } from './spread.ts';
import type { MonitorDeps, MonitorTimers, SweepReport } from './types.ts';

/** What one sweep runs with; the monitor builds it and keeps the long-lived parts between sweeps. */
export interface SweepContext {
  deps: MonitorDeps;
  applier: ReadingApplier;
  semaphore: Semaphore;
  timers: MonitorTimers;
  spreadMs: number;
  /** Aborted by stop(): calls not yet started are skipped, started ones are cancelled. */
  signal: AbortSignal;
  /** Reported once per subscription while it stays ineligible (the monitor keeps it between sweeps). */
  ineligible: Map<string, Ineligible>;
}

type Tally = Omit<SweepReport, 'ms'>;
type Pause = (ms: number) => Promise<void>;

/**
 * One pass: groups subscriptions per account, makes ONE status call per account (bounded in flight, started
 * spread over `spreadMs`) with a non-blocked owner's credentials, and applies the balance to every
 * subscription on that account.
 */
export async function runSweep(ctx: SweepContext): Promise<SweepReport> {
  const { deps } = ctx;
  const startedAt = deps.now().getTime();
  const tally: Tally = {
    accounts: 0,
    statusCalls: 0,
    alerts: 0,
    recoveries: 0,
    skippedBlocked: 0,
    errors: 0,
  };
  const seen = new Map<string, Ineligible>();
  const groups = await groupByAccount(await deps.alerts.list(), deps.credentials, (sub, why) => {
    const key = JSON.stringify([sub.teamId, sub.channelId]);
    seen.set(key, why);
    if (ctx.ineligible.get(key) !== why) {
      deps.logger.info('alert subscription skipped: its owner does not remember this account', {
        teamId: sub.teamId,
        channelId: sub.channelId,
        ownerUserId: sub.ownerUserId,
        accountId: sub.accountId,
        reason: why,
      });
    }
  });
  ctx.ineligible.clear();
  for (const [key, why] of seen) ctx.ineligible.set(key, why);

  tally.accounts = groups.length;
  const pause = createPauser(ctx.timers, ctx.signal);
  await Promise.all(groups.map((group) => checkAccount(ctx, group, tally, pause)));
  return { ...tally, ms: deps.now().getTime() - startedAt };
}

async function checkAccount(
  ctx: SweepContext,
  group: AccountGroup,
  tally: Tally,
  pause: Pause,
): Promise<void> {
  const { deps, signal } = ctx;
  const gate = deps.remembered;
  const usable = (owner: OwnerLogin) =>
    owner.credentials.monitorBlockedAt === null &&
    !gate?.refused(group.teamId, owner.userId, owner.credentials.passPhrase);
  const login = group.owners.find(usable);
  if (login === undefined) {
    tally.skippedBlocked += 1;
    return;
  }
  await pause(spreadOffset(`${group.teamId}:${group.accountId}`, ctx.spreadMs));
  if (signal.aborted) return;

  // Through the app-wide gate: a `/postage balance` or a login with the same remembered phrase never
  // runs at the same time, and a refusal noted by either is seen by the other before it calls Endicia.
  const read = await (gate
    ? gate.run(group.teamId, login.userId, () => guardedRead(ctx, group.teamId, login, tally))
    : readStatus(ctx, login, tally));
  if (read === 'skipped') return;
  if ('error' in read) {
    tally.errors += 1;
    await onStatusError(ctx, group, login, read.error);
    return;
  }

  const at = deps.now();
  const outcomes = await Promise.all(group.subs.map((sub) => ctx.applier.apply(sub, read.balanceMils, at)));
  count(tally, outcomes);
}

/** The status call with a phrase the gate has not seen refused; a refusal is noted there at once. */
async function guardedRead(ctx: SweepContext, teamId: string, login: OwnerLogin, tally: Tally) {
  const { userId, credentials } = login;
  const gate = ctx.deps.remembered;
  if (gate?.refused(teamId, userId, credentials.passPhrase)) return 'skipped' as const;
  const read = await readStatus(ctx, login, tally);
  if (
    typeof read === 'object' &&
    'error' in read &&
    read.error instanceof EndiciaApiError &&
    isCredentialRefusal(read.error)
  ) {
    gate?.noteRefused(teamId, userId, credentials.passPhrase);
  }
  return read;
}

/** The status call itself, holding a slot only while it is in flight. */
async function readStatus(
  ctx: SweepContext,
  login: OwnerLogin,
  tally: Tally,
): Promise<AccountStatus | { error: unknown } | 'skipped'> {
  const release = await ctx.semaphore.acquire();
  try {
    if (ctx.signal.aborted) return 'skipped';
    tally.statusCalls += 1;
    const { accountId, passPhrase } = login.credentials;
    return await ctx.deps.endicia.getAccountStatus({ accountId, passPhrase }, { signal: ctx.signal });
  } catch (error) {
    return ctx.signal.aborted ? 'skipped' : { error };
  } finally {
    release();
  }
}

async function onStatusError(
  ctx: SweepContext,
  group: AccountGroup,
  login: OwnerLogin,
  error: unknown,
): Promise<void> {
  const fields = { teamId: group.teamId, accountId: group.accountId, ownerUserId: login.userId };
  if (error instanceof EndiciaApiError && isCredentialRefusal(error)) {
    await blockRefusedLogins(ctx.deps, group, login, error);
  } else if (error instanceof EndiciaApiError) {
    ctx.deps.logger.warn('balance check refused; trying again next sweep', {
      ...fields,
      code: error.code,
      status: error.status,
    });
  } else if (error instanceof EndiciaUnavailableError) {
    ctx.deps.logger.warn('Endicia unavailable for a balance check; trying again next sweep', {
      ...fields,
      reason: error.reason,
    });
  } else {
    ctx.deps.logger.error('balance check failed', { ...fields, error });
  }
}

function count(tally: Tally, outcomes: readonly ApplyOutcome[]): void {
  for (const outcome of outcomes) {
    if (outcome === 'alerted') tally.alerts += 1;
    else if (outcome === 'recovered') tally.recoveries += 1;
    else if (outcome === 'failed') tally.errors += 1;
  }
}
