import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/lib/logger.ts';
import { openStore, type PurchaseRecord, type Store } from '../../../src/store/index.ts';
import expected from '../../fixtures/legacy/expected.json' with { type: 'json' };
import { LEGACY_FIXTURE_KEY } from '../../fixtures/legacy/key.ts';
import { captureLogger } from '../helpers/fixtures.ts';

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

const open = (encryptionKey = LEGACY_FIXTURE_KEY, logger = silentLogger) =>
  openStore({ url: `sqlite://${file}`, encryptionKey, logger });

/** Runs `fn` on the file through a connection of its own (what another process would see). */
function onFile<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const keyvKeys = () =>
  onFile((db) => db.prepare('SELECT key FROM keyv ORDER BY key').all() as Array<{ key: string }>).map(
    (row) => row.key,
  );
/** Every row of every table and of keyv (values included), to compare two starts byte for byte. */
const dump = () =>
  onFile((db) =>
    Object.fromEntries(
      ['keyv', 'purchases', 'alert_subscriptions', 'account_guards', 'balance_readings'].map((table) => [
        table,
        db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(),
      ]),
    ),
  );
const KEPT = expected.legacyKeys.filter((key) => /^postage:(credentials|session):/.test(key));

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

  it('moves the records into the tables and deletes their old rows; logins and sessions stay in keyv', async () => {
    const { logger, records } = captureLogger();
    await (await open(LEGACY_FIXTURE_KEY, logger)).close();
    expect(keyvKeys()).toEqual(KEPT);
    const counts = onFile((db) =>
      ['purchases', 'alert_subscriptions', 'account_guards'].map(
        (table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      ),
    );
    expect(counts).toEqual([5, 3, 1]);
    expect(records().filter((r) => r.code === 'STORE_LEGACY_IMPORTED')).toEqual([
      expect.objectContaining({
        purchases: 5,
        alerts: 3,
        guards: 1,
        replacedRows: expected.legacyKeys.length - KEPT.length,
        unreadableRows: 0,
      }),
    ]);
  });

  it('a second start changes nothing', async () => {
    const first = await open();
    const before = await readAll(first).finally(() => first.close());
    const tables = dump();
    const { logger, records } = captureLogger();
    const second = await open(LEGACY_FIXTURE_KEY, logger);
    const after = await readAll(second).finally(() => second.close());
    expect(after).toEqual(before);
    expect(after.pending).toEqual(['req-pending']);
    expect(dump()).toEqual(tables);
    expect(records().filter((r) => String(r.code).startsWith('STORE_LEGACY'))).toEqual([]);
  });

  it('two processes starting at once on the file import once', async () => {
    const { logger, records } = captureLogger();
    const stores = await Promise.all([open(LEGACY_FIXTURE_KEY, logger), open(LEGACY_FIXTURE_KEY, logger)]);
    try {
      for (const store of stores) expect(ids(await store.purchases.listPending())).toEqual(['req-pending']);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
    expect(records().filter((r) => r.code === 'STORE_LEGACY_IMPORTED')).toHaveLength(1);
    expect(onFile((db) => db.prepare('SELECT count(*) AS n FROM purchases').get())).toEqual({ n: 5 });
  });

  it('a start cut off part-way leaves the file as it was, and the next start does it all', async () => {
    // The import fails after its inserts, where a crash could strike: deleting the old rows.
    onFile((db) =>
      db.exec(`CREATE TRIGGER cut_off BEFORE DELETE ON keyv BEGIN SELECT RAISE(ABORT, 'cut off'); END`),
    );
    await expect(open()).rejects.toMatchObject({ code: 'STORE_OPEN_FAILED' });
    expect(keyvKeys()).toEqual(expected.legacyKeys);
    expect(onFile((db) => db.prepare('SELECT count(*) AS n FROM purchases').get())).toEqual({ n: 0 });

    onFile((db) => db.exec('DROP TRIGGER cut_off'));
    const store = await open();
    try {
      expect(ids(await store.purchases.listByUser('T1', 'U2'))).toEqual([
        'req-unconfirmed-closed',
        'req-failed',
      ]);
      expect(ids(await store.purchases.listPending())).toEqual(['req-pending']);
    } finally {
      await store.close();
    }
    expect(keyvKeys()).toEqual(KEPT);
  });

  it('leaves a row the old release could not read either where it is, says so, and imports the rest', async () => {
    // A guard's ciphertext copied under another address: its associated data no longer matches.
    onFile((db) =>
      db.exec(
        `INSERT INTO keyv (key, value) SELECT 'postage:account-guard:T9:x', value FROM keyv WHERE key LIKE 'postage:account-guard:%'`,
      ),
    );
    const { logger, records } = captureLogger();
    const store = await open(LEGACY_FIXTURE_KEY, logger);
    try {
      expect(await store.accountGuards.get('T1', '2500002')).toMatchObject({ refusals: 2 });
      expect(ids(await store.purchases.listPending())).toEqual(['req-pending']);
    } finally {
      await store.close();
    }
    expect(keyvKeys()).toEqual(['postage:account-guard:T9:x', ...KEPT]);
    expect(records().filter((r) => r.code === 'STORE_LEGACY_UNREADABLE')).toEqual([
      expect.objectContaining({ level: 'warn', rows: 1 }),
    ]);
  });

  it('refuses to start with a key that does not open the records, and the right key still opens them', async () => {
    const wrong = Buffer.alloc(32, 9).toString('base64');
    await expect(open(wrong)).rejects.toMatchObject({ code: 'STORE_WRONG_KEY' });
    // Refused before anything was written: no table, every old row in place.
    expect(keyvKeys()).toEqual(expected.legacyKeys);
    expect(
      onFile((db) => db.prepare(`SELECT name FROM sqlite_master WHERE name = 'purchases'`).all()),
    ).toEqual([]);
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
