import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createKeyring, seal } from '../../../src/store/crypto.ts';
import { parseKeyList } from '../../../src/store/keyring.ts';
import { decodeLegacyRows, type LegacyRow } from '../../../src/store/legacy/decode.ts';
import expected from '../../fixtures/legacy/expected.json' with { type: 'json' };
import { LEGACY_FIXTURE_KEY } from '../../fixtures/legacy/key.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/legacy/postage-v1.sqlite');
const keyring = createKeyring(parseKeyList(LEGACY_FIXTURE_KEY, 'test'));
const NOW = Date.parse('2026-12-01T00:00:00.000Z');

/** The fixture's keyv rows, read from a copy: even a read-only open leaves -shm files beside a WAL database. */
function fixtureRows(): LegacyRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'postage-legacy-'));
  const copy = join(dir, 'copy.sqlite');
  copyFileSync(FIXTURE, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare('SELECT key, value FROM keyv').all() as LegacyRow[];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const byId = <T>(list: T[], id: (item: T) => string) => list.toSorted((a, b) => id(a).localeCompare(id(b)));

describe('decodeLegacyRows on the release-before-SQL fixture', () => {
  it('opens every purchase, alert and guard exactly as the old store read them back', () => {
    const out = decodeLegacyRows(fixtureRows(), keyring, NOW);
    expect(out.unknownKeyIds.size).toBe(0);
    expect(out.unreadable).toEqual([]);
    const pendingWithoutOwner = expected.purchases.map((p) =>
      p.state === 'pending' ? { ...p, ownerInstance: null } : p,
    );
    expect(byId(out.purchases, (p) => p.requestId)).toEqual(byId(pendingWithoutOwner, (p) => p.requestId));
    expect(byId(out.alerts, (a) => `${a.teamId}:${a.channelId}`)).toEqual(
      byId(expected.alerts as typeof out.alerts, (a) => `${a.teamId}:${a.channelId}`),
    );
    expect(out.guards).toEqual(expected.accountGuards);
    // Every legacy row but credentials and sessions is replaced by the tables.
    expect(out.replacedKeys.toSorted()).toEqual(
      expected.legacyKeys.filter((key) => !/^postage:(credentials|session):/.test(key)),
    );
  });

  it('reports rows no key opens (by key id) and keeps tampered ones out of the import', () => {
    const rows = fixtureRows();
    const other = createKeyring([Buffer.alloc(32, 7)]);
    const foreign = {
      key: 'postage:alert:T9:C9',
      value: JSON.stringify({ value: seal(other, '{"v":{},"exp":null}', 'postage-record/v1|alert:T9:C9') }),
    };
    const guard = rows.find((row) => row.key.startsWith('postage:account-guard:'));
    if (!guard) throw new Error('fixture has no guard');
    // The guard's ciphertext moved under another address: its associated data no longer matches.
    const moved = { key: 'postage:account-guard:T1:elsewhere', value: guard.value };
    const out = decodeLegacyRows([...rows, foreign, moved], keyring, NOW);
    expect([...out.unknownKeyIds]).toEqual([other.primary.id]);
    expect(out.unreadable).toEqual([{ kind: 'account-guard', reason: 'auth-failed' }]);
    expect(out.replacedKeys).not.toContain(moved.key);
    expect(out.guards).toHaveLength(1);
  });
});
