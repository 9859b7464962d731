import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/endicia/simulator/index.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { clientFor, startSimulator } from '../helpers/els-simulator.ts';
import {
  fakeNotifier,
  login,
  manualClock,
  memoryStore,
  monitorFor,
  PHRASE_A,
  PHRASE_NEW,
  rememberedFor,
  seed,
  subscription,
  TEAM,
} from './helpers.ts';

const ACCOUNT = '2500001';
const KEY = Buffer.alloc(32, 0x5a).toString('base64');

const statusCalls = (simulator: Simulator, status?: number) =>
  simulator.calls.filter(
    (call) => call.op === 'GetAccountStatus' && (status === undefined || call.status === status),
  ).length;

async function world(options: { balance?: string; status?: 'active' | 'suspended'; store?: Store } = {}) {
  const simulator = await startSimulator({
    accounts: [
      {
        accountId: ACCOUNT,
        passPhrase: PHRASE_A,
        balance: options.balance ?? '20',
        maxBalance: '1000',
        status: options.status ?? 'active',
      },
    ],
  });
  const client = clientFor(simulator);
  const store = options.store ?? (await memoryStore());
  const notes = fakeNotifier();
  const clock = manualClock();
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  /** A new process; `over` = another view of the same data (say, one whose writes fail). */
  const newMonitor = (over: Store = store) =>
    monitorFor({
      alerts: over.alerts,
      store: over,
      endicia: client,
      notifier: notes.notifier,
      now: clock.now,
      logger,
    });
  const sweep = async (monitor: ReturnType<typeof newMonitor>) => {
    clock.advance(900_000);
    return monitor.sweep();
  };
  return { simulator, client, store, notes, clock, lines, newMonitor, sweep };
}

describe('alert monitor against the Endicia simulator', () => {
  it('alerts on a low balance, then edits the alert when a purchase brings it back', async () => {
    const { client, store, notes, newMonitor, sweep } = await world({ balance: '20' });
    await seed(store, { U1: login(ACCOUNT) }, [subscription({ channelId: 'C1' })]);
    const monitor = newMonitor();
    expect(await sweep(monitor)).toMatchObject({ statusCalls: 1, alerts: 1, errors: 0 });
    expect(notes.posted).toEqual([
      { channelId: 'C1', accountId: ACCOUNT, balanceMils: 20_000, thresholdMils: 50_000 },
    ]);

    await client.buyPostage({ accountId: ACCOUNT, passPhrase: PHRASE_A }, 40_000, { requestId: 'buy-1' });
    expect(await sweep(monitor)).toMatchObject({ statusCalls: 1, recoveries: 1, alerts: 0 });
    expect(notes.recovered).toEqual([{ channelId: 'C1', ts: '1700000000.000001', balanceMils: 60_000 }]);
  });

  it('several channels on one account make one GetAccountStatus per sweep', async () => {
    const { simulator, store, notes, newMonitor, sweep } = await world({ balance: '20' });
    await seed(store, { U1: login(ACCOUNT), U2: login(ACCOUNT) }, [
      subscription({ channelId: 'C1' }),
      subscription({ channelId: 'C2' }),
      subscription({ channelId: 'C3', ownerUserId: 'U2', thresholdMils: 100_000 }),
    ]);
    const monitor = newMonitor();
    for (let i = 0; i < 3; i += 1) await sweep(monitor);
    expect(statusCalls(simulator)).toBe(3);
    expect(notes.posted.map((post) => post.channelId).sort()).toEqual(['C1', 'C2', 'C3']);
  });

  it('a restart between checks neither repeats nor loses an alert', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'postage-alerts-'));
    const url = `sqlite://${join(dir, 'alerts.sqlite')}`;
    try {
      const before = await openStore({ url, encryptionKey: KEY, logger: createLogger({ write: () => {} }) });
      const first = await world({ balance: '20', store: before });
      await seed(before, { U1: login(ACCOUNT) }, [
        subscription({ channelId: 'C1' }),
        subscription({ channelId: 'C2', thresholdMils: 10_000 }),
      ]);
      const monitor = first.newMonitor();
      expect(await first.sweep(monitor)).toMatchObject({ alerts: 1 });
      await monitor.stop();
      await before.close();

      // A new process: same file, new monitor, new notifier. C1 is still low (no repeat); C2 crosses now.
      const after = await openStore({ url, encryptionKey: KEY, logger: createLogger({ write: () => {} }) });
      try {
        const second = await world({ balance: '5', store: after });
        const restarted = second.newMonitor();
        expect(await second.sweep(restarted)).toMatchObject({ alerts: 1, recoveries: 0 });
        expect(second.notes.posted.map((post) => post.channelId)).toEqual(['C2']);

        await second.client.buyPostage({ accountId: ACCOUNT, passPhrase: PHRASE_A }, 100_000, {
          requestId: 'b',
        });
        expect(await second.sweep(restarted)).toMatchObject({ recoveries: 2 });
        // C1's alert was posted by the first process: the restarted one still edits that message.
        expect(second.notes.recovered.map(({ channelId, ts }) => ({ channelId, ts }))).toEqual(
          expect.arrayContaining([{ channelId: 'C1', ts: '1700000000.000001' }]),
        );
      } finally {
        await after.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a pass phrase changed outside the bot costs at most one failed login and one notice', async () => {
    const { simulator, client, store, notes, lines, newMonitor, sweep } = await world({ balance: '80' });
    await seed(store, { U1: login(ACCOUNT), U2: login(ACCOUNT) }, [
      subscription({ channelId: 'C1' }),
      subscription({ channelId: 'C2' }),
      subscription({ channelId: 'C3', ownerUserId: 'U2' }),
    ]);
    const monitor = newMonitor();
    expect(await sweep(monitor)).toMatchObject({ statusCalls: 1, errors: 0 });

    await client.changePassPhrase({ accountId: ACCOUNT, passPhrase: PHRASE_A }, PHRASE_NEW);
    const reports = [];
    for (let i = 0; i < 6; i += 1) reports.push(await sweep(monitor));

    expect(statusCalls(simulator, 12507)).toBe(1);
    expect(simulator.account(ACCOUNT)?.status).toBe('active');
    expect(reports.map((report) => report.statusCalls)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(reports[5]).toMatchObject({ skippedBlocked: 1 });
    // Both owners held the refused phrase: each is told once, naming their own channels.
    expect([...notes.notices].sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { userId: 'U1', accountId: ACCOUNT, channels: ['C1', 'C2'] },
      { userId: 'U2', accountId: ACCOUNT, channels: ['C3'] },
    ]);
    expect((await store.credentials.get(TEAM, 'U1'))?.monitorBlockedAt).not.toBeNull();

    // U1 logs in again through the wizard (a typed phrase, accepted: the account is unblocked), which
    // saves the new phrase unblocked: monitoring resumes.
    const typed = { accountId: ACCOUNT, passPhrase: PHRASE_NEW };
    await rememberedFor(store, notes.notifier).useTyped(TEAM, 'U1', typed, () =>
      client.getAccountStatus(typed),
    );
    await store.credentials.set(TEAM, 'U1', { ...login(ACCOUNT, PHRASE_NEW), monitorBlockedAt: null });
    expect(await sweep(monitor)).toMatchObject({ statusCalls: 1, errors: 0, skippedBlocked: 0 });
    expect(statusCalls(simulator, 12507)).toBe(1);
    expect(notes.notices).toHaveLength(2);
    for (const line of lines) {
      expect(line.includes(PHRASE_A) || line.includes(PHRASE_NEW), 'a log line holds a pass phrase').toBe(
        false,
      );
    }
  });

  it('one refusal stops every owner’s login for the account (even a current one) until a wizard login', async () => {
    const { simulator, store, notes, newMonitor, sweep } = await world({ balance: '20' });
    // Newest first: U1's subscription is listed first, so U1's (stale) login is tried first.
    await seed(store, { U1: login(ACCOUNT, PHRASE_NEW), U2: login(ACCOUNT, PHRASE_A) }, [
      subscription({ channelId: 'C2', ownerUserId: 'U2' }),
      subscription({ channelId: 'C1', createdAt: '2026-03-01T12:30:00.000Z' }),
    ]);
    const monitor = newMonitor();
    const reports = [];
    for (let i = 0; i < 4; i += 1) reports.push(await sweep(monitor));
    expect(statusCalls(simulator, 12507)).toBe(1);
    expect(reports.map((report) => report.statusCalls)).toEqual([1, 0, 0, 0]);
    // Everyone who remembers the account hears it once, naming their own channels.
    expect([...notes.notices].sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { userId: 'U1', accountId: ACCOUNT, channels: ['C1'] },
      { userId: 'U2', accountId: ACCOUNT, channels: ['C2'] },
    ]);
    // U2's own login was not the refused one: after a wizard login it is used again.
    expect((await store.credentials.get(TEAM, 'U2'))?.monitorBlockedAt).toBeNull();
  });

  it('five owners with stale pass phrases: at most one failed login in total, each owner told once', async () => {
    const { simulator, client, store, notes, newMonitor, sweep } = await world({ balance: '20' });
    const owners = ['U1', 'U2', 'U3', 'U4', 'U5'];
    await seed(
      store,
      Object.fromEntries(owners.map((userId) => [userId, login(ACCOUNT, PHRASE_A)])),
      owners.map((ownerUserId, i) => subscription({ channelId: `C${i + 1}`, ownerUserId })),
    );
    await client.changePassPhrase({ accountId: ACCOUNT, passPhrase: PHRASE_A }, PHRASE_NEW);
    const monitor = newMonitor();
    for (let i = 0; i < 8; i += 1) await sweep(monitor);
    // A new process over the same store does not try again either.
    for (let i = 0; i < 3; i += 1) await sweep(newMonitor());

    expect(statusCalls(simulator, 12507)).toBe(1);
    expect(simulator.account(ACCOUNT)?.badAttempts).toBe(1);
    expect(notes.notices.map((notice) => notice.userId).sort()).toEqual(owners);
  });

  it('a refusal that cannot be recorded still stops unattended use, tells the owners, and across restarts', async () => {
    const { simulator, client, store: real, notes, newMonitor, sweep } = await world({ balance: '20' });
    await seed(real, { U1: login(ACCOUNT) }, [subscription({ channelId: 'C1' })]);
    // A store that fills up: the try is written before the call, nothing after it (nor the login's mark).
    let full = false;
    const store: Store = {
      ...real,
      credentials: {
        ...real.credentials,
        set: async (...args) =>
          full ? Promise.reject(new Error('SQLITE_FULL')) : real.credentials.set(...args),
      },
      accountGuards: {
        get: (teamId, accountId) => real.accountGuards.get(teamId, accountId),
        put: async (guard) => {
          if (full && guard.attemptSince === null) throw new Error('SQLITE_FULL');
          await real.accountGuards.put(guard);
          if (guard.attemptSince !== null) full = true;
        },
      },
    };
    await client.changePassPhrase({ accountId: ACCOUNT, passPhrase: PHRASE_A }, PHRASE_NEW);
    for (let restart = 0; restart < 5; restart += 1) {
      const restarted = newMonitor(store);
      for (let i = 0; i < 2; i += 1) await sweep(restarted);
    }
    expect(statusCalls(simulator, 12507)).toBe(1);
    expect(simulator.account(ACCOUNT)?.badAttempts).toBe(1);
    expect(notes.notices.length).toBeGreaterThanOrEqual(1);
    expect(notes.notices[0]).toEqual({ userId: 'U1', accountId: ACCOUNT, channels: ['C1'] });
  });

  it('when even the try cannot be recorded, nothing is sent', async () => {
    const { simulator, store: real, newMonitor, sweep } = await world({ balance: '20' });
    await seed(real, { U1: login(ACCOUNT) }, [subscription({ channelId: 'C1' })]);
    const store: Store = {
      ...real,
      accountGuards: {
        get: (teamId, accountId) => real.accountGuards.get(teamId, accountId),
        put: async () => {
          throw new Error('SQLITE_READONLY');
        },
      },
    };
    const monitor = newMonitor(store);
    for (let i = 0; i < 3; i += 1) expect(await sweep(monitor)).toMatchObject({ statusCalls: 0 });
    expect(statusCalls(simulator)).toBe(0);
  });

  it('a suspended account blocks the credentials after one call, with one notice', async () => {
    const { simulator, store, notes, newMonitor, sweep } = await world({ status: 'suspended' });
    await seed(store, { U1: login(ACCOUNT) }, [subscription({ channelId: 'C1' })]);
    const monitor = newMonitor();
    for (let i = 0; i < 4; i += 1) await sweep(monitor);
    expect(statusCalls(simulator)).toBe(1);
    expect(statusCalls(simulator, 2012)).toBe(1);
    expect(notes.notices).toEqual([{ userId: 'U1', accountId: ACCOUNT, channels: ['C1'] }]);
  });

  it('credentials the wizard already blocked are never tried, and nobody is told twice', async () => {
    const { simulator, store, notes, newMonitor, sweep } = await world();
    await seed(store, { U1: { ...login(ACCOUNT), monitorBlockedAt: '2026-03-01T00:00:00.000Z' } }, [
      subscription({ channelId: 'C1' }),
    ]);
    expect(await sweep(newMonitor())).toMatchObject({ accounts: 1, statusCalls: 0, skippedBlocked: 1 });
    expect(statusCalls(simulator)).toBe(0);
    expect(notes.notices).toHaveLength(0);
  });
});
