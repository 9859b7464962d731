import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { openStore, type Store, type WorkspaceInstallation } from '../../src/store/index.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres.ts';
import { credentials, KEY_A, subscription } from './helpers/fixtures.ts';

const TOKEN_1 = 'xoxb-fake-team-one-token-1111';
const TOKEN_2 = 'xoxb-fake-team-two-token-2222';

function installation(overrides: Partial<WorkspaceInstallation> = {}): WorkspaceInstallation {
  return {
    teamId: 'T1',
    enterpriseId: null,
    isEnterpriseInstall: false,
    botToken: TOKEN_1,
    botId: 'B1',
    botUserId: 'UBOT1',
    scopes: ['commands', 'chat:write'],
    appId: 'A1',
    installerUserId: 'U1',
    enterpriseUrl: null,
    installedAt: '2026-04-05T06:07:08.000Z',
    ...overrides,
  };
}

interface Backend {
  name: string;
  open(): Promise<{ store: Store; dir: string | null; drop?: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'memory://',
    open: async () => ({ store: await openStore({ url: 'memory://', logger: silentLogger }), dir: null }),
  },
  {
    name: 'sqlite file',
    open: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'postage-install-'));
      const url = `sqlite://${join(dir, 'postage.sqlite')}`;
      return { store: await openStore({ url, encryptionKey: KEY_A, logger: silentLogger }), dir };
    },
  },
];

/** PostgreSQL: a fresh database per test, dropped after it (fails, never skips, under CI=true). */
const postgres: Backend = {
  name: 'postgresql',
  open: async () => {
    const database = await createTestDatabase();
    const store = await openStore({ url: database.url, encryptionKey: KEY_A, logger: silentLogger });
    return { store, dir: null, drop: database.drop };
  },
};

for (const backend of backends)
  describe(`installations and a workspace's clean-up: ${backend.name}`, () => cases(backend));
describePostgres(`installations and a workspace's clean-up: ${postgres.name}`, () => cases(postgres));

function cases(backend: Backend): void {
  let store: Store;
  let dir: string | null;
  let drop: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    ({ store, dir, drop } = await backend.open());
  });
  afterEach(async () => {
    await store.close();
    await drop?.();
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  });

  it('keeps one installation per workspace; a reinstall replaces it; delete forgets it', async () => {
    await store.installations.put(installation());
    await store.installations.put(installation({ teamId: 'T2', botToken: TOKEN_2 }));
    expect(await store.installations.get({ kind: 'team', id: 'T1' })).toEqual(installation());
    await store.installations.put(installation({ botToken: 'xoxb-fake-reinstalled', scopes: ['commands'] }));
    expect(await store.installations.get({ kind: 'team', id: 'T1' })).toMatchObject({
      botToken: 'xoxb-fake-reinstalled',
      scopes: ['commands'],
    });
    expect(await store.installations.delete({ kind: 'team', id: 'T1' })).toBe(true);
    expect(await store.installations.get({ kind: 'team', id: 'T1' })).toBeUndefined();
    expect(await store.installations.get({ kind: 'team', id: 'T2' })).toMatchObject({ botToken: TOKEN_2 });
  });

  it('keeps an org-wide install under its enterprise id, apart from a workspace with the same id', async () => {
    const org = installation({
      teamId: null,
      enterpriseId: 'E1',
      isEnterpriseInstall: true,
      botToken: TOKEN_2,
    });
    await store.installations.put(org);
    expect(await store.installations.get({ kind: 'enterprise', id: 'E1' })).toEqual(org);
    expect(await store.installations.get({ kind: 'team', id: 'E1' })).toBeUndefined();
    await expect(store.installations.put(installation({ teamId: null }))).rejects.toMatchObject({
      code: 'STORE_BAD_VALUE',
    });
  });

  it('deletes one workspace’s logins, sessions and alerts and leaves another’s (ids with _ and %)', async () => {
    for (const team of ['T_1', 'T%1', 'TX1']) {
      await store.credentials.set(team, 'U1', credentials());
      await store.credentials.set(team, 'U2', credentials());
      await store.sessions.set(`${team}.s1`, { at: team }, 60_000);
      await store.alerts.put(subscription({ teamId: team, channelId: 'C1' }));
      await store.alerts.put(subscription({ teamId: team, channelId: 'C2', ownerUserId: 'U2' }));
    }
    expect(await store.credentials.deleteTeam('T_1')).toBe(2);
    expect(await store.sessions.deleteTeam('T_1')).toBe(1);
    expect(await store.alerts.deleteTeam('T_1')).toBe(2);

    expect(await store.credentials.get('T_1', 'U1')).toBeUndefined();
    expect(await store.sessions.get('T_1.s1')).toBeUndefined();
    expect(await store.alerts.listByOwner('T_1', 'U1')).toEqual([]);
    for (const team of ['T%1', 'TX1']) {
      expect(await store.credentials.get(team, 'U2')).toEqual(credentials());
      expect(await store.sessions.get(`${team}.s1`)).toEqual({ at: team });
      expect((await store.alerts.list()).filter((sub) => sub.teamId === team)).toHaveLength(2);
    }
    expect(await store.credentials.deleteTeam('T_1')).toBe(0);
  });

  // Only the file backend has bytes on disk to scan.
  if (backend.name === 'sqlite file')
    it('never writes a bot token in plain text', async () => {
      await store.installations.put(installation());
      await store.close();
      const names = await readdir(dir ?? '');
      const text = (await Promise.all(names.map((n) => readFile(join(dir ?? '', n))))).join('');
      expect(text).not.toContain(TOKEN_1);
      expect(text).not.toContain('xoxb-');
      // Reopened with the same key, it reads back whole.
      const url = `sqlite://${join(dir ?? '', 'postage.sqlite')}`;
      store = await openStore({ url, encryptionKey: KEY_A, logger: silentLogger });
      expect(await store.installations.get({ kind: 'team', id: 'T1' })).toEqual(installation());
    });
}
