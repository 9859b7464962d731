import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/lib/logger.ts';
import { openStore, type PurchaseRecord, type Store } from '../../../src/store/index.ts';
import expected from '../../fixtures/legacy/expected.json' with { type: 'json' };
import { LEGACY_FIXTURE_KEY } from '../../fixtures/legacy/key.ts';

// A data/postage.sqlite written by the release before the SQL tables (test/fixtures/legacy), opened by
// this release: every record must read back as that release read it. Always on a copy in a temp dir.
const FIXTURE = join(import.meta.dirname, '../../fixtures/legacy/postage-v1.sqlite');

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'postage-upgrade-'));
  file = join(dir, 'postage.sqlite');
  await copyFile(FIXTURE, file);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (encryptionKey = LEGACY_FIXTURE_KEY) =>
  openStore({ url: `sqlite://${file}`, encryptionKey, logger: silentLogger });

/** Optional fields as the old store left them (absent) and the tables give them back (null) compare equal. */
const normal = (record: PurchaseRecord | undefined) =>
  record && {
    ...record,
    viewId: record.viewId ?? null,
    receipt: record.receipt ?? null,
    recheckClosedAt: record.recheckClosedAt ?? null,
    // A claim a crash cut off comes over with no owner, so crash recovery re-checks it.
    ownerInstance: record.ownerInstance ?? null,
  };
const ids = (records: PurchaseRecord[]) => records.map((record) => record.requestId);
const channels = (subs: Array<{ teamId: string; channelId: string }>) =>
  subs.map((sub) => `${sub.teamId}/${sub.channelId}`).sort();

/** Everything the store answers about the fixture's records, for comparing two starts. */
async function readAll(store: Store) {
  return {
    credentials: await Promise.all(
      expected.credentials.map((c) => store.credentials.get(c.teamId, c.userId)),
    ),
    sessions: await Promise.all(expected.sessions.map((s) => store.sessions.get(s.sessionId))),
    alerts: await Promise.all(expected.alerts.map((a) => store.alerts.get(a.teamId, a.channelId))),
    purchases: await Promise.all(expected.purchases.map((p) => store.purchases.get(p.requestId))),
    byUser: [
      ids(await store.purchases.listByUser('T1', 'U1')),
      ids(await store.purchases.listByUser('T1', 'U2')),
    ],
    pending: ids(await store.purchases.listPending()),
    unconfirmed: ids(await store.purchases.listUnconfirmed()),
    guards: await Promise.all(
      expected.accountGuards.map((g) => store.accountGuards.get(g.teamId, g.accountId)),
    ),
  };
}

describe('upgrading a SQLite file written by the release before the SQL tables', () => {
  it('keeps every remembered login, session, alert, purchase (pending claim included) and guard', async () => {
    const store = await open();
    try {
      for (const c of expected.credentials) {
        expect(await store.credentials.get(c.teamId, c.userId)).toEqual(c.value);
      }
      for (const s of expected.sessions) expect(await store.sessions.get(s.sessionId)).toEqual(s.value);

      for (const a of expected.alerts) expect(await store.alerts.get(a.teamId, a.channelId)).toEqual(a);
      expect(channels(await store.alerts.list())).toEqual(['T1/C1', 'T1/C2', 'T2/C1']);
      expect(channels(await store.alerts.listByOwner('T1', 'U2'))).toEqual(['T1/C2']);
      expect(channels(await store.alerts.listByAccount('T1', '2500001'))).toEqual(['T1/C1']);
      expect(channels(await store.alerts.listByAccount('T2', '2500001'))).toEqual(['T2/C1']);

      for (const p of expected.purchases) {
        expect(normal(await store.purchases.get(p.requestId))).toEqual(normal(p as PurchaseRecord));
      }
      const u1 = ['req-pending', 'req-unconfirmed-open', 'req-confirmed'];
      const u2 = ['req-unconfirmed-closed', 'req-failed'];
      expect(ids(await store.purchases.listByUser('T1', 'U1'))).toEqual(u1);
      expect(ids(await store.purchases.listByUser('T1', 'U2'))).toEqual(u2);
      expect(await store.purchases.countByUser('T1', 'U1')).toBe(3);
      expect(ids(await store.purchases.listByAccount('T1', '2500001'))).toEqual(u1);
      expect(ids(await store.purchases.listByAccount('T1', '2500002'))).toEqual(u2);
      expect(ids(await store.purchases.listByUser('T2', 'U1'))).toEqual([]);
      expect(ids(await store.purchases.listPending())).toEqual(expected.pending);
      expect(ids(await store.purchases.listUnconfirmed())).toEqual(expected.unconfirmed);

      for (const g of expected.accountGuards) {
        expect(await store.accountGuards.get(g.teamId, g.accountId)).toEqual(g);
      }
    } finally {
      await store.close();
    }
  });

  it('a second start finds everything as the first left it', async () => {
    const first = await open();
    const before = await readAll(first).finally(() => first.close());
    const second = await open();
    const after = await readAll(second).finally(() => second.close());
    expect(after).toEqual(before);
    expect(after.pending).toEqual(['req-pending']);
  });

  it('refuses to start with a key that does not open the records, and the right key still opens them', async () => {
    const wrong = Buffer.alloc(32, 9).toString('base64');
    await expect(open(wrong)).rejects.toMatchObject({ code: 'STORE_WRONG_KEY' });
    const store = await open();
    try {
      expect(await readAll(store)).toMatchObject({
        pending: ['req-pending'],
        unconfirmed: ['req-unconfirmed-open'],
      });
      expect(await store.accountGuards.get('T1', '2500002')).toMatchObject({ refusals: 2 });
    } finally {
      await store.close();
    }
  });
});
