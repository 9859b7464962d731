import {
  EndiciaApiError,
  type EndiciaCredentials,
  EndiciaUnavailableError,
  isCredentialRefusal,
} from '../endicia/index.ts';
import type { AlertSubscription } from '../store/index.ts';
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

/** Subscriptions read per page: memory stays flat however many there are. */
export const SWEEP_PAGE_SIZE = 500;

/**
 * One pass: reads subscriptions page by page, groups each page per account, makes ONE status call per
 * account (bounded in flight, started spread over `spreadMs`) with a non-blocked owner's credentials, and
 * applies the balance to every subscription on that account. An account met again on a later page gets
 * the balance already read. With several instances, an account another instance read this interval
 * (its `sweep:<team>:<account>` lease is live) is left to it: one read per account per interval in total.
 */
export async function runSweep(ctx: SweepContext): Promise<SweepReport> {
  const { deps } = ctx;
  const startedAt = deps.now().getTime();
  const reloadsBefore = ctx.applier.reloads();
  const tally: Tally = {
    accounts: 0,
    statusCalls: 0,
    alerts: 0,
    reloads: 0,
    recoveries: 0,
    skippedBlocked: 0,
    readElsewhere: 0,
    errors: 0,
  };
  const seen = new Map<string, Ineligible>();
  const onIneligible = (sub: AlertSubscription, why: Ineligible) => {
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
  };
  // Per account of this sweep: the balance read (null = not read), awaited by later pages.
  const read = new Map<string, Promise<number | null>>();
  const pause = createPauser(ctx.timers, ctx.signal);
  let after: string | null = null;
  do {
    const page = await deps.alerts.listPage(after, SWEEP_PAGE_SIZE);
    const groups = await groupByAccount(page.subs, deps.remembered.read, onIneligible);
    await Promise.all(
      groups.map(async (group) => {
        const key = JSON.stringify([group.teamId, group.accountId]);
        const earlier = read.get(key);
        if (earlier === undefined) {
          const reading = checkAccount(ctx, group, tally, pause, startedAt);
          read.set(key, reading);
          await reading;
          return;
        }
        const balanceMils = await earlier;
        if (balanceMils !== null) await applyAll(ctx, group, balanceMils, tally);
      }),
    );
    after = page.next;
  } while (after !== null && !ctx.signal.aborted);
  ctx.ineligible.clear();
  for (const [key, why] of seen) ctx.ineligible.set(key, why);
  tally.accounts = read.size;
  tally.reloads = ctx.applier.reloads() - reloadsBefore;
  return { ...tally, ms: deps.now().getTime() - startedAt };
}

async function applyAll(ctx: SweepContext, group: AccountGroup, balanceMils: number, tally: Tally) {
  const at = ctx.deps.now();
  await keepSweepReading(ctx.deps, group.teamId, group.accountId, balanceMils, at);
  const outcomes = await Promise.all(group.subs.map((sub) => ctx.applier.apply(sub, balanceMils, at)));
  count(tally, outcomes);
}

/** Reads one account (at most once per interval across instances) and applies it; the balance or null. */
async function checkAccount(
  ctx: SweepContext,
  group: AccountGroup,
  tally: Tally,
  pause: Pause,
  startedAt: number,
): Promise<number | null> {
  const { deps, signal } = ctx;
  // A login refused before stays unused even after someone else's fresh login reopened the account.
  const login = group.owners.find((owner) => owner.credentials.monitorBlockedAt === null);
  if (login === undefined || (await deps.remembered.blocked(group.teamId, group.accountId))) {
    tally.skippedBlocked += 1;
    return null;
  }
  // Offsets count from the sweep's start, so later pages do not add their own spread.
  const offset = spreadOffset(`${group.teamId}:${group.accountId}`, ctx.spreadMs);
  await pause(offset - (deps.now().getTime() - startedAt));
  if (signal.aborted) return null;
  if (!(await claimRead(ctx, group))) {
    tally.readElsewhere += 1;
    return null;
  }

  // Through the app's one owner of remembered logins: per account one call at a time, the try recorded
  // before it is sent, a refusal stops every owner's unattended use and each owner hears it once.
  const use = await deps.remembered.useRemembered(
    group.teamId,
    login.userId,
    group.accountId,
    (credentials) => readStatus(ctx, credentials, tally),
  );
  if (use.kind === 'not-remembered') return null;
  if (use.kind === 'blocked') {
    tally.skippedBlocked += 1;
    return null;
  }
  if (use.kind === 'failed') {
    if (signal.aborted) return null;
    tally.errors += 1;
    onStatusError(ctx, group, login, use.error);
    return null;
  }
  await applyAll(ctx, group, use.value.balanceMils, tally);
  return use.value.balanceMils;
}

/**
 * This instance's turn to read the account this interval: the `sweep:<team>:<account>` lease, kept (not
 * released) for most of an interval so other instances' sweeps skip it (this instance's own scheduled
 * sweeps are an interval apart; one asked for on demand reads again). Without shared leases, always.
 */
async function claimRead(ctx: SweepContext, group: AccountGroup): Promise<boolean> {
  const shared = ctx.deps.shared;
  if (shared === undefined) return true;
  const name = `sweep:${group.teamId}:${group.accountId}`;
  try {
    return await shared.leases.acquire(name, shared.instanceId, Math.floor(ctx.deps.intervalMs * 0.9));
  } catch (error) {
    // Reading twice costs one status call; not reading could miss a crossing.
    ctx.deps.logger.warn('could not take a sweep lease; reading the account anyway', {
      teamId: group.teamId,
      error,
    });
    return true;
  }
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
