import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountGuard, Store } from '../../../src/store/index.ts';
import { credentials, PASS_PHRASE, purchase, subscription } from './fixtures.ts';

/** Opens a fresh store (clock injected) and says how to clean up after it. */
export type StoreFactory = (now: () => Date) => Promise<{ store: Store; dispose?: () => Promise<void> }>;

const NOW = new Date('2026-04-05T06:07:08.000Z');

/** The domain behaviour every backend gives: memory, SQLite in memory, a SQLite file and PostgreSQL. */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let dispose: (() => Promise<void>) | undefined;
    // The store's clock (leases and once-marks expire by it); tests move it forward.
    let clock = NOW;
    const later = (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    };

    beforeEach(async () => {
      clock = NOW;
      ({ store, dispose } = await factory(() => clock));
    });
    afterEach(async () => {
      vi.useRealTimers();
      await store.close();
      await dispose?.();
    });

    describe('credentials', () => {
      it('remembers per workspace and user, and nobody else sees them', async () => {
        await store.credentials.set('T1', 'U1', credentials());
        expect(await store.credentials.get('T1', 'U1')).toEqual(credentials());
        expect(await store.credentials.get('T1', 'U2')).toBeUndefined();
        expect(await store.credentials.get('T2', 'U1')).toBeUndefined();
      });

      it('replaces on set (a new login clears monitorBlockedAt) and forgets on delete', async () => {
        await store.credentials.set(
          'T1',
          'U1',
          credentials({ monitorBlockedAt: '2026-01-03T00:00:00.000Z' }),
        );
        await store.credentials.set('T1', 'U1', credentials({ accountId: '2500002' }));
        expect(await store.credentials.get('T1', 'U1')).toEqual(credentials({ accountId: '2500002' }));
        expect(await store.credentials.delete('T1', 'U1')).toBe(true);
        expect(await store.credentials.get('T1', 'U1')).toBeUndefined();
        expect(await store.credentials.delete('T1', 'U1')).toBe(false);
      });

      it('refuses a malformed value without echoing the pass phrase', async () => {
        const bad = { ...credentials(), accountId: 42 } as unknown as ReturnType<typeof credentials>;
        const error = await store.credentials.set('T1', 'U1', bad).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'STORE_BAD_VALUE' });
        expect(JSON.stringify(error) + String(error)).not.toContain(PASS_PHRASE);
      });

      it('refuses empty ids', async () => {
        await expect(store.credentials.set('', 'U1', credentials())).rejects.toMatchObject({
          code: 'STORE_BAD_VALUE',
        });
      });

      it('lands concurrent writers: different users all, one user last call wins', async () => {
        const users = Array.from({ length: 50 }, (_, i) => `U${i}`);
        await Promise.all([
          ...users.map((user) =>
            store.credentials.set('T1', user, credentials({ accountId: user.slice(1) })),
          ),
          ...users.map((_, i) => store.credentials.set('T9', 'U1', credentials({ accountId: String(i) }))),
        ]);
        for (const user of users) {
          expect((await store.credentials.get('T1', user))?.accountId).toBe(user.slice(1));
        }
        expect((await store.credentials.get('T9', 'U1'))?.accountId).toBe('49');
      });
    });

    describe('account guards', () => {
      const guard = (overrides: Partial<AccountGuard> = {}): AccountGuard => ({
        teamId: 'T1',
        accountId: '2500001',
        refusals: 1,
        blockedAt: '2026-01-03T00:00:00.000Z',
        heldUntil: null,
        attemptSince: null,
        updatedAt: '2026-01-03T00:00:00.000Z',
        ...overrides,
      });

      it('keeps one guard per workspace and account, replaced on put', async () => {
        expect(await store.accountGuards.get('T1', '2500001')).toBeUndefined();
        await store.accountGuards.put(guard());
        await store.accountGuards.put(guard({ teamId: 'T2', refusals: 3 }));
        await store.accountGuards.put(guard({ refusals: 2, attemptSince: '2026-01-04T00:00:00.000Z' }));
        expect(await store.accountGuards.get('T1', '2500001')).toEqual(
          guard({ refusals: 2, attemptSince: '2026-01-04T00:00:00.000Z' }),
        );
        expect(await store.accountGuards.get('T2', '2500001')).toEqual(guard({ teamId: 'T2', refusals: 3 }));
        expect(await store.accountGuards.get('T1', '2500002')).toBeUndefined();
      });

      it('refuses a malformed guard', async () => {
        await expect(store.accountGuards.put(guard({ refusals: -1 }))).rejects.toMatchObject({
          code: 'STORE_BAD_VALUE',
        });
      });
    });

    describe('sessions', () => {
      it('keeps an opaque snapshot until deleted', async () => {
        const snapshot = {
          v: 1,
          snapshot: { value: 'details', context: { passPhrase: PASS_PHRASE, n: [1, null] } },
        };
        await store.sessions.set('s-1', snapshot, 60_000);
        expect(await store.sessions.get('s-1')).toEqual(snapshot);
        await store.sessions.delete('s-1');
        expect(await store.sessions.get('s-1')).toBeUndefined();
        await store.sessions.delete('s-1');
      });

      it('forgets a snapshot once its TTL has passed', async () => {
        vi.useFakeTimers({ now: NOW });
        await store.sessions.set('s-1', { step: 'credentials' }, 15 * 60_000);
        vi.advanceTimersByTime(15 * 60_000 - 1);
        expect(await store.sessions.get('s-1')).toEqual({ step: 'credentials' });
        vi.advanceTimersByTime(2);
        expect(await store.sessions.get('s-1')).toBeUndefined();
      });

      it('refuses values JSON cannot hold and TTLs that are not positive', async () => {
        const cycle: { self?: unknown } = {};
        cycle.self = cycle;
        for (const value of [undefined, 10n, cycle]) {
          await expect(store.sessions.set('s', value, 1_000)).rejects.toMatchObject({
            code: 'STORE_BAD_VALUE',
          });
        }
        await expect(store.sessions.set('s', {}, 0)).rejects.toMatchObject({ code: 'STORE_BAD_VALUE' });
      });
    });

    describe('alerts', () => {
      it('stores one subscription per channel and lists it for the sweep and its owner', async () => {
        await store.alerts.put(subscription());
        await store.alerts.put(subscription({ channelId: 'C2', createdAt: '2026-01-03T00:00:00.000Z' }));
        await store.alerts.put(subscription({ teamId: 'T2', ownerUserId: 'U9' }));
        expect(await store.alerts.get('T1', 'C1')).toEqual(subscription());
        expect((await store.alerts.list()).map((s) => `${s.teamId}/${s.channelId}`)).toEqual(
          expect.arrayContaining(['T1/C1', 'T1/C2', 'T2/C1']),
        );
        expect((await store.alerts.list()).length).toBe(3);
        expect((await store.alerts.listByOwner('T1', 'U1')).map((s) => s.channelId)).toEqual(['C2', 'C1']);
        expect(await store.alerts.listByOwner('T2', 'U1')).toEqual([]);
      });

      it('updates state in place without duplicating the subscription', async () => {
        await store.alerts.put(subscription());
        const alerted = subscription({
          state: 'alerted',
          alertMessageTs: '1712.0001',
          lastBalanceMils: 9_000,
        });
        await store.alerts.put(alerted);
        expect(await store.alerts.list()).toEqual([alerted]);
        expect(await store.alerts.listByOwner('T1', 'U1')).toEqual([alerted]);
      });

      it('moves a channel to its new owner', async () => {
        await store.alerts.put(subscription());
        await store.alerts.put(subscription({ ownerUserId: 'U2' }));
        expect(await store.alerts.listByOwner('T1', 'U1')).toEqual([]);
        expect(await store.alerts.listByOwner('T1', 'U2')).toEqual([subscription({ ownerUserId: 'U2' })]);
      });

      it('deletes from the record and both lists', async () => {
        await store.alerts.put(subscription());
        expect(await store.alerts.delete('T1', 'C1')).toBe(true);
        expect(await store.alerts.get('T1', 'C1')).toBeUndefined();
        expect(await store.alerts.list()).toEqual([]);
        expect(await store.alerts.listByOwner('T1', 'U1')).toEqual([]);
        expect(await store.alerts.delete('T1', 'C1')).toBe(false);
      });

      it('keeps every one of many concurrently created subscriptions in the lists', async () => {
        const channels = Array.from({ length: 30 }, (_, i) => `C${i}`);
        await Promise.all(channels.map((channelId) => store.alerts.put(subscription({ channelId }))));
        expect((await store.alerts.list()).length).toBe(30);
        expect((await store.alerts.listByOwner('T1', 'U1')).length).toBe(30);
      });
    });

    describe('purchases', () => {
      it('claims a request id once; a second begin gets the existing record', async () => {
        expect(await store.purchases.begin(purchase())).toEqual({ claimed: true });
        const again = await store.purchases.begin(purchase({ amountMils: 99_000 }));
        expect(again).toEqual({ claimed: false, existing: purchase() });
      });

      it('gives exactly one of many concurrent begins with one id the claim', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.purchases.begin(purchase({ amountMils: 10_000 + i }))),
        );
        expect(results.filter((r) => r.claimed)).toHaveLength(1);
        expect(await store.purchases.listByUser('T1', 'U1')).toHaveLength(1);
      });

      it('updates a record, stamping updatedAt from the clock', async () => {
        await store.purchases.begin(purchase());
        const updated = await store.purchases.update('req-1', {
          state: 'confirmed',
          balanceAfterMils: 35_000,
          transactionId: 'TX-77',
          message: 'OK',
        });
        const expected = purchase({
          state: 'confirmed',
          balanceAfterMils: 35_000,
          transactionId: 'TX-77',
          message: 'OK',
          updatedAt: NOW.toISOString(),
        });
        expect(updated).toEqual(expected);
        expect(await store.purchases.get('req-1')).toEqual(expected);
      });

      it('lists claims still pending until an outcome is written', async () => {
        await store.purchases.begin(purchase());
        await store.purchases.begin(purchase({ requestId: 'req-2', createdAt: '2026-04-05T06:08:00.000Z' }));
        expect((await store.purchases.listPending()).map((r) => r.requestId)).toEqual(['req-2', 'req-1']);
        await store.purchases.update('req-1', { state: 'confirmed', balanceAfterMils: 35_000 });
        await store.purchases.update('req-2', { message: 'still waiting' });
        expect((await store.purchases.listPending()).map((r) => r.requestId)).toEqual(['req-2']);
        await store.purchases.update('req-2', { state: 'unconfirmed' });
        expect(await store.purchases.listPending()).toEqual([]);
      });

      it('lists unconfirmed purchases until their re-checks end, with the receipt kept for the thread', async () => {
        await store.purchases.begin(purchase());
        await store.purchases.begin(purchase({ requestId: 'req-2', createdAt: '2026-04-05T06:08:00.000Z' }));
        expect(await store.purchases.listUnconfirmed()).toEqual([]);
        await store.purchases.update('req-1', { state: 'unconfirmed' });
        await store.purchases.update('req-2', { state: 'unconfirmed' });
        await store.purchases.update('req-1', { receipt: { channelId: 'C1', ts: '1700000000.000100' } });
        const listed = await store.purchases.listUnconfirmed();
        expect(listed.map((r) => r.requestId)).toEqual(['req-2', 'req-1']);
        expect(listed[1]?.receipt).toEqual({ channelId: 'C1', ts: '1700000000.000100' });
        await store.purchases.update('req-1', { state: 'confirmed' });
        await store.purchases.update('req-2', { recheckClosedAt: NOW.toISOString() });
        expect(await store.purchases.listUnconfirmed()).toEqual([]);
      });

      it('refuses to update an unknown id or to store a malformed record', async () => {
        await expect(store.purchases.update('nope', { state: 'failed' })).rejects.toMatchObject({
          code: 'STORE_NOT_FOUND',
        });
        await expect(store.purchases.begin(purchase({ amountMils: 1.5 }))).rejects.toMatchObject({
          code: 'STORE_BAD_VALUE',
        });
        expect(await store.purchases.get('req-1')).toBeUndefined();
      });

      it('lists per user and per account, newest first, with a limit', async () => {
        const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;
        // Inserted out of order on purpose.
        for (const day of [3, 1, 4, 2, 5]) {
          await store.purchases.begin(
            purchase({ requestId: `r${day}`, createdAt: at(day), updatedAt: at(day) }),
          );
        }
        await store.purchases.begin(purchase({ requestId: 'other-user', userId: 'U2', createdAt: at(6) }));
        await store.purchases.begin(purchase({ requestId: 'other-team', teamId: 'T2', createdAt: at(7) }));
        await store.purchases.begin(
          purchase({ requestId: 'other-acct', accountId: '2500009', createdAt: at(8) }),
        );

        const ids = (records: { requestId: string }[]) => records.map((r) => r.requestId);
        expect(ids(await store.purchases.listByUser('T1', 'U1'))).toEqual([
          'other-acct',
          'r5',
          'r4',
          'r3',
          'r2',
          'r1',
        ]);
        expect(ids(await store.purchases.listByUser('T1', 'U1', 2))).toEqual(['other-acct', 'r5']);
        expect(await store.purchases.countByUser('T1', 'U1')).toBe(6);
        expect(await store.purchases.countByUser('T3', 'U1')).toBe(0);
        expect(ids(await store.purchases.listByAccount('T1', '2500001'))).toEqual([
          'other-user',
          'r5',
          'r4',
          'r3',
          'r2',
          'r1',
        ]);
        expect(ids(await store.purchases.listByAccount('T2', '2500001'))).toEqual(['other-team']);
        expect(await store.purchases.listByUser('T3', 'U1')).toEqual([]);
      });

      it('defaults to the ten newest', async () => {
        for (let i = 0; i < 12; i++) {
          const createdAt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
          await store.purchases.begin(purchase({ requestId: `r${i}`, createdAt }));
        }
        const listed = await store.purchases.listByUser('T1', 'U1');
        expect(listed.map((r) => r.requestId)).toEqual([
          'r11',
          'r10',
          'r9',
          'r8',
          'r7',
          'r6',
          'r5',
          'r4',
          'r3',
          'r2',
        ]);
      });
    });

    describe('alerts across instances', () => {
      it('pages through every subscription exactly once, in a stable order', async () => {
        const all = Array.from({ length: 23 }, (_, i) =>
          subscription({ teamId: i % 3 === 0 ? 'T2' : 'T1', channelId: `C${String(i).padStart(2, '0')}` }),
        );
        for (const sub of all) await store.alerts.put(sub);
        const seen: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 10; pages++) {
          const page: Awaited<ReturnType<Store['alerts']['listPage']>> = await store.alerts.listPage(
            after,
            5,
          );
          expect(page.subs.length).toBeLessThanOrEqual(5);
          seen.push(...page.subs.map((s) => `${s.teamId}/${s.channelId}`));
          after = page.next;
          if (after === null) break;
        }
        expect(after).toBeNull();
        expect(seen).toHaveLength(23);
        expect(new Set(seen).size).toBe(23);
        expect(seen.sort()).toEqual(all.map((s) => `${s.teamId}/${s.channelId}`).sort());
        expect(await store.alerts.listPage(null, 100)).toEqual({ subs: expect.any(Array), next: null });
      });

      it('lists the subscriptions on one account of one workspace', async () => {
        await store.alerts.put(subscription());
        await store.alerts.put(subscription({ channelId: 'C2', ownerUserId: 'U2' }));
        await store.alerts.put(subscription({ channelId: 'C3', accountId: '2500009' }));
        await store.alerts.put(subscription({ teamId: 'T2' }));
        expect((await store.alerts.listByAccount('T1', '2500001')).map((s) => s.channelId).sort()).toEqual([
          'C1',
          'C2',
        ]);
        expect(await store.alerts.listByAccount('T3', '2500001')).toEqual([]);
      });

      it('lists the subscriptions with a weekly digest, across workspaces', async () => {
        const digest = { digestWeekday: 1, digestHour: 9, digestTimeZone: 'America/Chicago' };
        await store.alerts.put(subscription());
        await store.alerts.put(subscription({ channelId: 'C2', ...digest }));
        await store.alerts.put(subscription({ teamId: 'T2', channelId: 'C9', ...digest }));
        await store.alerts.put(subscription({ channelId: 'C3', digestWeekday: null, digestHour: null }));
        const listed = await store.alerts.listDigests();
        expect(listed.map((s) => `${s.teamId}/${s.channelId}`)).toEqual(['T1/C2', 'T2/C9']);
        expect(listed[0]).toMatchObject(digest);
      });

      it('replace() writes only when the expected transition has not been made by someone else', async () => {
        const armed = subscription();
        await store.alerts.put(armed);
        const alerted = subscription({
          state: 'alerted',
          alertMessageTs: '1712.0001',
          lastBalanceMils: 9_000,
        });
        expect(await store.alerts.replace(armed, alerted)).toBe(true);
        expect(await store.alerts.get('T1', 'C1')).toEqual(alerted);
        // A second instance that read the armed subscription before loses.
        const other = subscription({ state: 'alerted', alertMessageTs: '1712.0002' });
        expect(await store.alerts.replace(armed, other)).toBe(false);
        expect(await store.alerts.get('T1', 'C1')).toEqual(alerted);
        // Recovery: expected carries the message ts.
        const recovered = subscription({ state: 'armed', alertMessageTs: null, lastBalanceMils: 90_000 });
        expect(await store.alerts.replace(alerted, recovered)).toBe(true);
        expect(await store.alerts.replace(alerted, recovered)).toBe(false);
        expect(await store.alerts.replace(subscription({ channelId: 'C404' }), recovered)).toBe(false);
      });

      it("keeps automatic reload's fields; a crossing's reload note is decided once (compare-and-set)", async () => {
        const on = subscription({
          state: 'alerted',
          alertMessageTs: '1712.0001',
          alertedAt: NOW.toISOString(),
          reloadAmountMils: 100_000,
          reloadsPerDay: 2,
          reloadOnAt: NOW.toISOString(),
          reloadOnBy: 'U1',
        });
        await store.alerts.put(on);
        expect(await store.alerts.get('T1', 'C1')).toEqual(on);
        const bought = { ...on, reloadNote: 'Automatic reload: $100.00, new balance $108.75.' };
        const off = { ...on, reloadNote: 'Automatic reload failed.', reloadOnAt: null, reloadOffReason: 'x' };
        const [first, second] = await Promise.all([
          store.alerts.replace(on, bought),
          store.alerts.replace(on, off),
        ]);
        expect([first, second].filter(Boolean)).toHaveLength(1);
        const stored = await store.alerts.get('T1', 'C1');
        expect(stored?.reloadNote).toBe(first ? bought.reloadNote : off.reloadNote);
        // A writer that read before the note was written loses too.
        expect(await store.alerts.replace(on, { ...on, acknowledgedBy: 'U2' })).toBe(false);
      });

      it('of many concurrent replace() calls from one state, exactly one wins', async () => {
        const armed = subscription();
        await store.alerts.put(armed);
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.alerts.replace(armed, subscription({ state: 'alerted', alertMessageTs: `1712.000${i}` })),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('purchases across instances', () => {
      it('keeps the owner instance of a claim', async () => {
        await store.purchases.begin(purchase({ ownerInstance: 'host-a-1' }));
        expect((await store.purchases.get('req-1'))?.ownerInstance).toBe('host-a-1');
        expect((await store.purchases.listPending())[0]?.ownerInstance).toBe('host-a-1');
        await store.purchases.update('req-1', { ownerInstance: 'host-b-2' });
        expect((await store.purchases.get('req-1'))?.ownerInstance).toBe('host-b-2');
      });
    });

    describe('leases', () => {
      it('is held by one owner until released or expired', async () => {
        expect(await store.leases.holder('turn:s1')).toBeUndefined();
        expect(await store.leases.acquire('turn:s1', 'a', 30_000)).toBe(true);
        expect(await store.leases.acquire('turn:s1', 'b', 30_000)).toBe(false);
        expect(await store.leases.holder('turn:s1')).toEqual({
          name: 'turn:s1',
          owner: 'a',
          expiresAt: new Date(NOW.getTime() + 30_000).toISOString(),
        });
        // Other names are independent.
        expect(await store.leases.acquire('turn:s2', 'b', 30_000)).toBe(true);
        // Not the holder: release is a no-op.
        await store.leases.release('turn:s1', 'b');
        expect((await store.leases.holder('turn:s1'))?.owner).toBe('a');
        await store.leases.release('turn:s1', 'a');
        expect(await store.leases.holder('turn:s1')).toBeUndefined();
        expect(await store.leases.acquire('turn:s1', 'b', 30_000)).toBe(true);
      });

      it('is extended by its owner and taken over once expired', async () => {
        expect(await store.leases.acquire('instance:a', 'a', 10_000)).toBe(true);
        later(9_000);
        expect(await store.leases.acquire('instance:a', 'a', 10_000)).toBe(true);
        later(9_000);
        expect(await store.leases.acquire('instance:a', 'b', 10_000)).toBe(false);
        later(999);
        expect((await store.leases.holder('instance:a'))?.owner).toBe('a');
        later(1);
        expect(await store.leases.holder('instance:a')).toBeUndefined();
        expect(await store.leases.acquire('instance:a', 'b', 10_000)).toBe(true);
        expect((await store.leases.holder('instance:a'))?.owner).toBe('b');
      });

      it('gives one of many concurrent acquirers the lease', async () => {
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            store.leases.acquire('sweep:T1:2500001', `owner-${i}`, 60_000),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('once', () => {
      it('claims a key once until its time has passed', async () => {
        expect(await store.once.claim('crossing:T1:C1:1', 60_000)).toBe(true);
        expect(await store.once.claim('crossing:T1:C1:1', 60_000)).toBe(false);
        expect(await store.once.claim('crossing:T1:C1:2', 60_000)).toBe(true);
        later(59_999);
        expect(await store.once.claim('crossing:T1:C1:1', 60_000)).toBe(false);
        later(1);
        expect(await store.once.claim('crossing:T1:C1:1', 60_000)).toBe(true);
      });

      it('gives one of many concurrent claims the key', async () => {
        const results = await Promise.all(
          Array.from({ length: 12 }, () => store.once.claim('told:T1:U1', 60_000)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('balance readings', () => {
      it('keeps every reading and lists one account since a time, oldest first', async () => {
        const reading = (readAt: string, balanceMils: number, overrides = {}) => ({
          teamId: 'T1',
          accountId: '2500001',
          balanceMils,
          readAt,
          source: 'sweep' as const,
          ...overrides,
        });
        await store.balanceReadings.add(reading('2026-01-03T00:00:00.000Z', 30_000));
        await store.balanceReadings.add(reading('2026-01-01T00:00:00.000Z', 10_000, { source: 'login' }));
        await store.balanceReadings.add(reading('2026-01-02T00:00:00.000Z', 20_000));
        await store.balanceReadings.add(
          reading('2026-01-02T00:00:00.000Z', 99_000, { accountId: '2500009' }),
        );
        await store.balanceReadings.add(reading('2026-01-02T00:00:00.000Z', 99_000, { teamId: 'T2' }));
        expect(await store.balanceReadings.listSince('T1', '2500001', '2026-01-02T00:00:00.000Z')).toEqual([
          reading('2026-01-02T00:00:00.000Z', 20_000),
          reading('2026-01-03T00:00:00.000Z', 30_000),
        ]);
        expect(
          await store.balanceReadings.listSince('T1', '2500001', '2000-01-01T00:00:00.000Z'),
        ).toHaveLength(3);
      });

      it('refuses a reading with fractional mils or an unknown source', async () => {
        const bad = {
          teamId: 'T1',
          accountId: 'A',
          balanceMils: 1.5,
          readAt: NOW.toISOString(),
          source: 'sweep',
        } as const;
        await expect(store.balanceReadings.add(bad)).rejects.toMatchObject({ code: 'STORE_BAD_VALUE' });
      });
    });

    it('names its instance and answers a ping', async () => {
      expect(store.instanceId).toMatch(/\S/);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('rejects use after close with STORE_CLOSED', async () => {
      await store.close();
      await expect(store.credentials.get('T1', 'U1')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.purchases.get('req-1')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.leases.acquire('x', 'a', 1_000)).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    });
  });
}
