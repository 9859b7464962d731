import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createKeyring, open, seal } from '../../src/store/crypto.ts';
import { KEY_A, KEY_B, PASS_PHRASE } from './helpers/fixtures.ts';

const rawA = Buffer.from(KEY_A, 'base64');
const rawB = Buffer.from(KEY_B, 'base64');
const ringA = createKeyring([rawA]);
const AAD = 'postage-record/v1|credentials:T1:U1';

/** Flips one bit of the decoded blob at `offset` and re-encodes the envelope. */
function flip(envelope: string, offset: number): string {
  const [version, id, body = ''] = envelope.split('.');
  const blob = Buffer.from(body, 'base64');
  blob.writeUInt8((blob.readUInt8(offset) ^ 0x01) & 0xff, offset);
  return `${version}.${id}.${blob.toString('base64')}`;
}

describe('seal / open', () => {
  it('round-trips and names the key by the first 8 hex digits of its SHA-256', () => {
    const envelope = seal(ringA, PASS_PHRASE, AAD);
    const id = createHash('sha256').update(rawA).digest('hex').slice(0, 8);
    expect(envelope).toMatch(new RegExp(`^v1\\.${id}\\.[A-Za-z0-9+/]+=*$`));
    expect(open(ringA, envelope, AAD)).toEqual({ ok: true, plaintext: PASS_PHRASE, keyId: id, stale: false });
  });

  it('uses a fresh IV each time', () => {
    const a = seal(ringA, PASS_PHRASE, AAD);
    const b = seal(ringA, PASS_PHRASE, AAD);
    expect(a).not.toBe(b);
    const iv = (envelope: string) => Buffer.from(envelope.split('.')[2] ?? '', 'base64').subarray(0, 12);
    expect(iv(a).equals(iv(b))).toBe(false);
  });

  it.each([
    ['the IV', 0],
    ['the tag', 12],
    ['the ciphertext', 28],
  ])('fails authentication when %s is tampered with', (_, offset) => {
    expect(open(ringA, flip(seal(ringA, PASS_PHRASE, AAD), offset), AAD)).toMatchObject({
      ok: false,
      reason: 'auth-failed',
    });
  });

  it('fails authentication under other associated data (a copied record)', () => {
    const envelope = seal(ringA, PASS_PHRASE, AAD);
    expect(open(ringA, envelope, 'postage-record/v1|credentials:T1:U2')).toMatchObject({
      reason: 'auth-failed',
    });
  });

  it('reports an unknown key id, and a forged id pointing at another key fails authentication', () => {
    const ringB = createKeyring([rawB]);
    const envelope = seal(ringA, PASS_PHRASE, AAD);
    expect(open(ringB, envelope, AAD)).toMatchObject({ ok: false, reason: 'unknown-key' });
    const forged = envelope.replace(ringA.primary.id, ringB.primary.id);
    expect(open(ringB, forged, AAD)).toMatchObject({ ok: false, reason: 'auth-failed' });
  });

  it.each([
    ['', 'empty'],
    ['plain text', 'not an envelope'],
    ['v2.00000000.AAAA', 'another version'],
    [`v1.${ringA.primary.id}.AAAA`, 'too short'],
    [`v1.${ringA.primary.id}.***`, 'not base64'],
  ])('calls %j malformed (%s)', (envelope) => {
    expect(open(ringA, envelope, AAD)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('opens with every key in the ring and flags the non-primary ones as stale', () => {
    const rotated = createKeyring([rawB, rawA]);
    const old = seal(ringA, 'x', AAD);
    expect(open(rotated, old, AAD)).toMatchObject({ ok: true, stale: true });
    expect(open(rotated, seal(rotated, 'x', AAD), AAD)).toMatchObject({ ok: true, stale: false });
  });

  it('never shows key bytes when a keyring is printed', () => {
    const printed = inspect(createKeyring([rawA, rawB]), { depth: 10 });
    for (const raw of [rawA, rawB]) {
      expect(printed).not.toContain(raw.toString('base64'));
      expect(printed).not.toContain(raw.toString('hex').slice(0, 16));
    }
  });

  it('rejects keys that are not 32 bytes and empty keyrings', () => {
    expect(() => createKeyring([Buffer.alloc(16)])).toThrow(RangeError);
    expect(() => createKeyring([])).toThrow(RangeError);
  });
});
