import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase, describePostgres, useTestDatabase, withClient } from '../helpers/postgres.ts';
import { KEY_A, purchase, subscription } from './helpers/fixtures.ts';

/**
 * Two Store instances on one database stand for two processes: nothing in-process (no mutex, no cache)
 * is shared between them, only the database. What holds here holds across instances.
 */
function describeShared(name: string, url: () => string): void {
  describe(`two instances on one ${name}`, () => {
    const opened: Store[] = [];
    const open = async (instanceId: string) => {
      const store = await openStore({ url: url(), encryptionKey: KEY_A, logger: silentLogger, instanceId });
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('one claim of a request id, whichever instance asks, even at once', async () => {
      const [a, b] = [await open('a'), await open('b')];
      for (let round = 0; round < 5; round++) {
        const requestId = `req-${name}-${round}`;
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? a : b).purchases.begin(purchase({ requestId, ownerInstance: i % 2 ? 'a' : 'b' })),
          ),
        );
        expect(results.filter((r) => r.claimed)).toHaveLength(1);
        const winner = (await a.purchases.get(requestId))?.ownerInstance;
        for (const r of results) if (!r.claimed) expect(r.existing.ownerInstance).toBe(winner);
      }
    });

    it('one holder of a lease and one claim of a once-mark across instances', async () => {
      const [a, b] = [await open('a'), await open('b')];
      const leases = await Promise.all([
        a.leases.acquire(`sweep:${name}`, 'a', 60_000),
        b.leases.acquire(`sweep:${name}`, 'b', 60_000),
        a.leases.acquire(`sweep:${name}`, 'a2', 60_000),
        b.leases.acquire(`sweep:${name}`, 'b2', 60_000),
      ]);
      expect(leases.filter(Boolean)).toHaveLength(1);
      const holder = await b.leases.holder(`sweep:${name}`);
      expect(await a.leases.holder(`sweep:${name}`)).toEqual(holder);

      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).once.claim(`told:${name}`, 60_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('one alert transition wins (compare-and-set), and both see it', async () => {
      const [a, b] = [await open('a'), await open('b')];
      const armed = subscription({ channelId: `C-${name}` });
      await a.alerts.put(armed);
      const [fromA, fromB] = await Promise.all([
        a.alerts.replace(armed, { ...armed, state: 'alerted', alertMessageTs: '1.a' }),
        b.alerts.replace(armed, { ...armed, state: 'alerted', alertMessageTs: '1.b' }),
      ]);
      expect([fromA, fromB].filter(Boolean)).toHaveLength(1);
      expect((await b.alerts.get('T1', armed.channelId))?.alertMessageTs).toBe(fromA ? '1.a' : '1.b');
    });

    it('remembered logins written by one instance are read by the other', async () => {
      const [a, b] = [await open('a'), await open('b')];
      await a.sessions.set(`s-${name}`, { step: 'details' }, 60_000);
      expect(await b.sessions.get(`s-${name}`)).toEqual({ step: 'details' });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'postage-shared-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeShared('SQLite file', () => `sqlite://${join(dir, 'shared.sqlite')}`);

describe('three instances starting at once on one empty SQLite file', () => {
  it('apply the migrations once and all work', async () => {
    const url = `sqlite://${join(dir, 'fresh', 'p.sqlite')}`;
    const stores = await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        openStore({ url, encryptionKey: KEY_A, logger: silentLogger, instanceId: id }),
      ),
    );
    await Promise.all(stores.map((s, i) => s.purchases.begin(purchase({ requestId: `r${i}` }))));
    expect(await stores[0]?.purchases.countByUser('T1', 'U1')).toBe(3);
    for (const s of stores) await s.close();
  });
});

describePostgres('PostgreSQL', () => {
  const database = useTestDatabase();

  describeShared('PostgreSQL database', () => database.url);

  it('three instances starting at once on an empty database: migrations applied once, all three work', async () => {
    const fresh = await createTestDatabase();
    try {
      const stores = await Promise.all(
        ['a', 'b', 'c'].map((id) =>
          openStore({ url: fresh.url, encryptionKey: KEY_A, logger: silentLogger, instanceId: id }),
        ),
      );
      await Promise.all(stores.map((s, i) => s.purchases.begin(purchase({ requestId: `r${i}` }))));
      for (const s of stores) expect(await s.purchases.countByUser('T1', 'U1')).toBe(3);
      for (const s of stores) await s.close();
      const applied = await withClient(fresh.url, async (client) => {
        const { rows } = await client.query<{ name: string }>(
          'select name from kysely_migration order by name',
        );
        return rows.map((r) => r.name);
      });
      expect(applied).toEqual(['0001-core', '0002-alert-actions', '0100-team-controls', '0101-auto-reload']);
    } finally {
      await fresh.drop();
    }
  });
});
