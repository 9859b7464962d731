import { describe, expect, it } from 'vitest';
import { createKeyring } from '../../src/store/crypto.ts';
import { sealedText } from '../../src/store/index.ts';
import { KEY_A, KEY_B, PASS_PHRASE } from './helpers/fixtures.ts';

const ringA = createKeyring([Buffer.from(KEY_A, 'base64')]);
const ringB = createKeyring([Buffer.from(KEY_B, 'base64')]);
const rotated = createKeyring([Buffer.from(KEY_B, 'base64'), Buffer.from(KEY_A, 'base64')]);

describe('sealedText', () => {
  it('seals without the plain text and opens with any key of the ring', () => {
    const sealed = sealedText(ringA, 'endicia-simulator.json').seal(`{"p":"${PASS_PHRASE}"}`);
    expect(sealed.includes(PASS_PHRASE)).toBe(false);
    expect(sealedText(ringA, 'endicia-simulator.json').open(sealed)).toBe(`{"p":"${PASS_PHRASE}"}`);
    expect(sealedText(rotated, 'endicia-simulator.json').open(sealed)).toBe(`{"p":"${PASS_PHRASE}"}`);
  });

  it('answers undefined for another key, another purpose or a tampered text', () => {
    const sealed = sealedText(ringA, 'endicia-simulator.json').seal('state');
    expect(sealedText(ringB, 'endicia-simulator.json').open(sealed)).toBeUndefined();
    expect(sealedText(ringA, 'other-file').open(sealed)).toBeUndefined();
    expect(sealedText(ringA, 'endicia-simulator.json').open(`${sealed.slice(0, -4)}AAAA`)).toBeUndefined();
    expect(sealedText(ringA, 'endicia-simulator.json').open('{"v":1}')).toBeUndefined();
  });
});
