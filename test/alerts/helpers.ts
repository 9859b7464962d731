import { afterEach } from 'vitest';
import type { AlertNotifier, MonitorDeps } from '../../src/alerts/index.ts';
import { createAlertMonitor } from '../../src/alerts/index.ts';
import type { AccountStatus, EndiciaClient, EndiciaCredentials } from '../../src/endicia/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createRememberedLogins, type LockoutNotifier } from '../../src/never-lock/index.ts';
import {
  type AlertSubscription,
  openStore,
  type RememberedCredentials,
  type Store,
} from '../../src/store/index.ts';

/** Obviously fake pass phrases with the characters that break naive escaping. */
export const PHRASE_A = `fake <alerts> & "phrase" 'one'`;
export const PHRASE_B = `fake <alerts> & "phrase" 'two'`;
export const PHRASE_NEW = `fake <alerts> & "phrase" 'changed'`;

export const TEAM = 'T1';
export const T0 = new Date('2026-03-01T12:00:00.000Z');

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/** An in-memory store, closed after the test. */
export async function memoryStore(): Promise<Store> {
  const store = await openStore({ url: 'memory://', logger: silentLogger });
  stores.push(store);
  return store;
}

/** A clock that moves only when told. */
export function manualClock(start = T0) {
  let ms = start.getTime();
  return {
    now: () => new Date(ms),
    advance(byMs: number) {
      ms += byMs;
    },
  };
}

export function login(accountId: string, passPhrase = PHRASE_A): RememberedCredentials {
  return { accountId, passPhrase, savedAt: T0.toISOString(), monitorBlockedAt: null };
}

export function subscription(
  overrides: Partial<AlertSubscription> & { channelId: string },
): AlertSubscription {
  return {
    teamId: TEAM,
    ownerUserId: 'U1',
    accountId: '2500001',
    thresholdMils: 50_000,
    state: 'armed',
    alertMessageTs: null,
    lastBalanceMils: null,
    lastCheckedAt: null,
    createdAt: T0.toISOString(),
    ...overrides,
  };
}

/** Saves each owner's login and each subscription. */
export async function seed(
  store: Store,
  logins: Record<string, RememberedCredentials>,
  subs: readonly AlertSubscription[],
): Promise<void> {
  for (const [userId, value] of Object.entries(logins)) await store.credentials.set(TEAM, userId, value);
  for (const sub of subs) await store.alerts.put(sub);
}

/** A notifier that records what it was asked to do (ids and figures only: never a credential). */
export function fakeNotifier() {
  const posted: Array<{ channelId: string; accountId: string; balanceMils: number; thresholdMils: number }> =
    [];
  const recovered: Array<{ channelId: string; ts: string | null; balanceMils: number }> = [];
  const notices: Array<{ userId: string; accountId: string; channels: string[] }> = [];
  const held: Array<{ userId: string; accountId: string; until: Date | null }> = [];
  let sequence = 0;
  let failPosts = false;
  const notifier: AlertNotifier & LockoutNotifier = {
    async postAlert(sub, balanceMils) {
      if (failPosts) return null;
      posted.push({
        channelId: sub.channelId,
        accountId: sub.accountId,
        balanceMils,
        thresholdMils: sub.thresholdMils,
      });
      sequence += 1;
      return { ts: `1700000000.${String(sequence).padStart(6, '0')}` };
    },
    async markRecovered(sub, balanceMils) {
      recovered.push({ channelId: sub.channelId, ts: sub.alertMessageTs, balanceMils });
    },
    async accountBlocked(_teamId, accountId, owners) {
      for (const owner of owners) {
        notices.push({ userId: owner.userId, accountId, channels: [...owner.channels].sort() });
      }
    },
    async typingHeld(_teamId, accountId, owners, until) {
      for (const owner of owners) held.push({ userId: owner.userId, accountId, until });
    },
  };
  return {
    notifier,
    posted,
    recovered,
    notices,
    held,
    failPosts(value: boolean) {
      failPosts = value;
    },
  };
}

/** A scripted Endicia: balances per account, errors on demand, calls and concurrency recorded. */
export function fakeEndicia() {
  const balances = new Map<string, number>();
  const failures = new Map<string, Error>();
  const calls: Array<{ accountId: string; at: number }> = [];
  let inFlight = 0;
  let peak = 0;
  let gate: Promise<void> | null = null;
  const endicia: Pick<EndiciaClient, 'getAccountStatus'> = {
    async getAccountStatus(credentials: EndiciaCredentials): Promise<AccountStatus> {
      calls.push({ accountId: credentials.accountId, at: Date.now() });
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        if (gate) await gate;
        const failure = failures.get(credentials.accountId);
        if (failure) throw failure;
        const balanceMils = balances.get(credentials.accountId);
        if (balanceMils === undefined) throw new Error(`no such fake account ${credentials.accountId}`);
        return {
          accountId: credentials.accountId,
          balanceMils,
          ascendingBalanceMils: 0,
          serialNumber: 1,
          accountStatus: 'A',
          deviceId: null,
          controlRegisterMils: null,
        };
      } finally {
        inFlight -= 1;
      }
    },
  };
  return {
    endicia,
    calls,
    balances,
    failures,
    get peak() {
      return peak;
    },
    /** Holds every call until the returned function is called. */
    hold(): () => void {
      let open: () => void = () => {};
      gate = new Promise((resolve) => {
        open = resolve;
      });
      return () => {
        gate = null;
        open();
      };
    },
  };
}

/** The app's one owner of remembered logins over `store`, telling `notifier` (a fake by default). */
export function rememberedFor(
  store: Store,
  notifier: LockoutNotifier = fakeNotifier().notifier,
  now: () => Date = () => new Date(),
) {
  return createRememberedLogins({
    credentials: store.credentials,
    guards: store.accountGuards,
    alerts: store.alerts,
    notifier,
    logger: silentLogger,
    now,
  });
}

/**
 * A monitor with test defaults (no spread, a fixed interval); anything can be overridden. Its remembered
 * logins are built over `store` with the monitor's notifier and clock unless given.
 */
export function monitorFor(
  deps: Omit<MonitorDeps, 'logger' | 'intervalMs' | 'remembered' | 'notifier'> &
    Partial<MonitorDeps> & { store: Store; notifier: AlertNotifier & LockoutNotifier },
) {
  const { store, ...rest } = deps;
  return createAlertMonitor({
    logger: silentLogger,
    intervalMs: 900_000,
    spreadMs: 0,
    remembered: rememberedFor(store, deps.notifier, deps.now),
    ...rest,
  });
}
