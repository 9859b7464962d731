import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCredentialStore } from '../../src/store/credentials.ts';
import { createKeyring, type Keyring } from '../../src/store/crypto.ts';
import { createEncryptedRecords } from '../../src/store/encrypted-records.ts';
import { createMemoryStore, type KeyValueStore } from '../../src/store/index.ts';
import { RememberedCredentialsSchema } from '../../src/store/schemas.ts';
import { createSessionStore } from '../../src/store/sessions.ts';
import { captureLogger, credentials, KEY_A, KEY_B, KEY_C, PASS_PHRASE } from './helpers/fixtures.ts';

const ring = (...keys: string[]): Keyring => createKeyring(keys.map((key) => Buffer.from(key, 'base64')));
const keyIdOf = (envelope: string | undefined) => envelope?.split('.')[1];

function setup(kv: KeyValueStore, keyring: Keyring) {
  const { logger, lines, records: logged } = captureLogger();
  const records = createEncryptedRecords({ kv, keyring, logger });
  return {
    lines,
    logged,
    records,
    credentials: createCredentialStore(records),
    sessions: createSessionStore(records),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('encrypted records: what a reader gets back', () => {
  it('stores only ciphertext under a namespaced key', async () => {
    const kv = createMemoryStore();
    await setup(kv, ring(KEY_A)).credentials.set('T1', 'U1', credentials());
    const raw = await kv.get('credentials:T1:U1');
    expect(raw).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(raw).not.toContain(PASS_PHRASE);
    expect(raw).not.toContain('2500001');
  });

  it('escapes ids so that different (team, user) pairs never share a key', async () => {
    const kv = createMemoryStore();
    const { credentials: creds } = setup(kv, ring(KEY_A));
    await creds.set('T1:U1', 'x', credentials({ accountId: '1' }));
    await creds.set('T1', 'U1:x', credentials({ accountId: '2' }));
    expect((await creds.get('T1:U1', 'x'))?.accountId).toBe('1');
    expect((await creds.get('T1', 'U1:x'))?.accountId).toBe('2');
  });

  it.each([
    ['another user', 'credentials:T1:U2'],
    ['the same user id in another workspace', 'credentials:T2:U1'],
  ])('does not open a ciphertext copied to %s', async (_, target) => {
    const kv = createMemoryStore();
    const s = setup(kv, ring(KEY_A));
    await s.credentials.set('T1', 'U1', credentials());
    await kv.set(target, (await kv.get('credentials:T1:U1')) ?? '');
    const [, team = '', user = ''] = target.split(':');
    expect(await s.credentials.get(team, user)).toBeUndefined();
    expect(s.logged()).toEqual([
      expect.objectContaining({ code: 'STORE_RECORD_UNREADABLE', reason: 'auth-failed' }),
    ]);
  });

  it('does not open a session snapshot copied into a credentials slot', async () => {
    const kv = createMemoryStore();
    const s = setup(kv, ring(KEY_A));
    await s.sessions.set('T1', credentials(), 60_000);
    await kv.set('credentials:T1:U1', (await kv.get('session:T1')) ?? '');
    expect(await s.credentials.get('T1', 'U1')).toBeUndefined();
  });

  it('treats a tampered record as absent, logs it once without contents, and recovers on the next set', async () => {
    const kv = createMemoryStore();
    const s = setup(kv, ring(KEY_A));
    await s.credentials.set('T1', 'U1', credentials());
    const raw = (await kv.get('credentials:T1:U1')) ?? '';
    const tampered = `${raw.slice(0, -6)}${raw.slice(-6, -5) === 'A' ? 'B' : 'A'}${raw.slice(-5)}`;
    await kv.set('credentials:T1:U1', tampered);

    expect(await s.credentials.get('T1', 'U1')).toBeUndefined();
    expect(await s.credentials.get('T1', 'U1')).toBeUndefined();
    expect(s.logged()).toEqual([
      expect.objectContaining({ level: 'warn', code: 'STORE_RECORD_UNREADABLE', kind: 'credentials' }),
    ]);
    // The timestamp is ours, not the record's (at 1x:xx UTC it contains "T1").
    const logged = s.lines.map((line) => line.replace(/"time":"[^"]*"/, '')).join('\n');
    for (const secret of [PASS_PHRASE, '2500001', 'T1', 'U1', tampered.slice(12, 40)]) {
      expect(logged).not.toContain(secret);
    }

    await s.credentials.set('T1', 'U1', credentials());
    expect(await s.credentials.get('T1', 'U1')).toEqual(credentials());
    await kv.set('credentials:T1:U1', 'not an envelope');
    expect(await s.credentials.get('T1', 'U1')).toBeUndefined();
    expect(s.logged().map((r) => r.reason)).toEqual(['auth-failed', 'malformed']);
  });

  it('treats a record sealed with a key it does not hold as absent, naming only the key id', async () => {
    const kv = createMemoryStore();
    await setup(kv, ring(KEY_A)).credentials.set('T1', 'U1', credentials());
    const other = setup(kv, ring(KEY_C));
    expect(await other.credentials.get('T1', 'U1')).toBeUndefined();
    expect(other.logged()).toEqual([
      expect.objectContaining({ reason: 'unknown-key', keyId: ring(KEY_A).primary.id }),
    ]);
  });

  it('treats a well-sealed record of the wrong shape as absent', async () => {
    const kv = createMemoryStore();
    const s = setup(kv, ring(KEY_A));
    await s.records.set('credentials', ['T1', 'U1'], { accountId: 7 });
    expect(await s.records.get('credentials', ['T1', 'U1'], RememberedCredentialsSchema)).toBeUndefined();
    expect(s.logged()).toEqual([expect.objectContaining({ reason: 'bad-shape' })]);
  });
});

describe('encrypted records: key rotation', () => {
  it('reads old records with an old key and re-seals them with the first one', async () => {
    const kv = createMemoryStore();
    await setup(kv, ring(KEY_A)).credentials.set('T1', 'U1', credentials());
    expect(keyIdOf(await kv.get('credentials:T1:U1'))).toBe(ring(KEY_A).primary.id);

    const rotated = setup(kv, ring(KEY_B, KEY_A));
    expect(await rotated.credentials.get('T1', 'U1')).toEqual(credentials());
    expect(keyIdOf(await kv.get('credentials:T1:U1'))).toBe(ring(KEY_B).primary.id);
    expect(rotated.logged()).toEqual([expect.objectContaining({ code: 'STORE_RECORD_RESEALED' })]);

    // The old key can now be dropped.
    expect(await setup(kv, ring(KEY_B)).credentials.get('T1', 'U1')).toEqual(credentials());
  });

  it('keeps the remaining TTL when re-sealing', async () => {
    vi.useFakeTimers({ now: new Date('2026-05-01T00:00:00Z') });
    const kv = createMemoryStore();
    await setup(kv, ring(KEY_A)).sessions.set('s1', { step: 1 }, 10 * 60_000);
    vi.advanceTimersByTime(6 * 60_000);
    const rotated = setup(kv, ring(KEY_B, KEY_A));
    expect(await rotated.sessions.get('s1')).toEqual({ step: 1 });
    expect(keyIdOf(await kv.get('session:s1'))).toBe(ring(KEY_B).primary.id);
    vi.advanceTimersByTime(4 * 60_000 + 1);
    expect(await kv.get('session:s1')).toBeUndefined();
  });

  it('does not let a re-seal undo a write that landed while it was reading', async () => {
    const inner = createMemoryStore();
    await setup(inner, ring(KEY_A)).credentials.set('T1', 'U1', credentials({ accountId: 'old' }));
    const writer = setup(inner, ring(KEY_B, KEY_A));
    let reads = 0;
    const racing: KeyValueStore = {
      ...inner,
      async get(key) {
        // The re-seal's second look: a newer write lands just before it.
        if (++reads === 2) await writer.credentials.set('T1', 'U1', credentials({ accountId: 'new' }));
        return inner.get(key);
      },
    };
    const reader = setup(racing, ring(KEY_B, KEY_A));
    expect((await reader.credentials.get('T1', 'U1'))?.accountId).toBe('old');
    expect((await writer.credentials.get('T1', 'U1'))?.accountId).toBe('new');
    expect(reads).toBe(2);
  });

  it('still answers when the re-seal write fails, and says so in the log', async () => {
    const inner = createMemoryStore();
    await setup(inner, ring(KEY_A)).credentials.set('T1', 'U1', credentials());
    const failing: KeyValueStore = { ...inner, set: () => Promise.reject(new Error('disk full')) };
    const s = setup(failing, ring(KEY_B, KEY_A));
    expect(await s.credentials.get('T1', 'U1')).toEqual(credentials());
    expect(s.logged()).toEqual([expect.objectContaining({ code: 'STORE_RESEAL_FAILED' })]);
  });
});

describe('encrypted records: backend failures', () => {
  it('passes a failed read up as an error, never as "not remembered"', async () => {
    const kv: KeyValueStore = {
      ...createMemoryStore(),
      get: () => Promise.reject(Object.assign(new Error('boom'), { code: 'STORE_READ_FAILED' })),
    };
    const s = setup(kv, ring(KEY_A));
    await expect(s.credentials.get('T1', 'U1')).rejects.toMatchObject({ code: 'STORE_READ_FAILED' });
  });
});
