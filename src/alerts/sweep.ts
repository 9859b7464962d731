import {
  EndiciaApiError,
  type EndiciaCredentials,
  EndiciaUnavailableError,
  isCredentialRefusal,
} from '../endicia/index.ts';
import type { ApplyOutcome, ReadingApplier } from './apply-reading.ts';
import type { AccountGroup, Ineligible, OwnerLogin } from './groups.ts';
import { groupByAccount } from './groups.ts';
import { keepSweepReading } from './keep-reading.ts';
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
  const groups = await groupByAccount(await deps.alerts.list(), deps.remembered.read, (sub, why) => {
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
  // A login refused before stays unused even after someone else's fresh login reopened the account.
  const login = group.owners.find((owner) => owner.credentials.monitorBlockedAt === null);
  if (login === undefined || (await deps.remembered.blocked(group.teamId, group.accountId))) {
    tally.skippedBlocked += 1;
    return;
  }
  await pause(spreadOffset(`${group.teamId}:${group.accountId}`, ctx.spreadMs));
  if (signal.aborted) return;

  // Through the app's one owner of remembered logins: per account one call at a time, the try recorded
  // before it is sent, a refusal stops every owner's unattended use and each owner hears it once.
  const use = await deps.remembered.useRemembered(
    group.teamId,
    login.userId,
    group.accountId,
    (credentials) => readStatus(ctx, credentials, tally),
  );
  if (use.kind === 'not-remembered') return;
  if (use.kind === 'blocked') {
    tally.skippedBlocked += 1;
    return;
  }
  if (use.kind === 'failed') {
    if (signal.aborted) return;
    tally.errors += 1;
    onStatusError(ctx, group, login, use.error);
    return;
  }

  const at = deps.now();
  await keepSweepReading(deps, group.teamId, group.accountId, use.value.balanceMils, at);
  const outcomes = await Promise.all(
    group.subs.map((sub) => ctx.applier.apply(sub, use.value.balanceMils, at)),
  );
  count(tally, outcomes);
}

/** The status call itself, holding a slot only while it is in flight. */
async function readStatus(ctx: SweepContext, credentials: EndiciaCredentials, tally: Tally) {
  const release = await ctx.semaphore.acquire();
  try {
    if (ctx.signal.aborted) throw new Error('sweep stopped');
    tally.statusCalls += 1;
    return await ctx.deps.endicia.getAccountStatus(credentials, { signal: ctx.signal });
  } finally {
    release();
  }
}

function onStatusError(ctx: SweepContext, group: AccountGroup, login: OwnerLogin, error: unknown): void {
  const fields = { teamId: group.teamId, accountId: group.accountId, ownerUserId: login.userId };
  if (isCredentialRefusal(error)) {
    // Recorded and told by the remembered logins module; nothing unattended uses the account now.
    ctx.deps.logger.debug('balance check refused; account blocked for unattended use', {
      ...fields,
      status: error.status,
    });
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
