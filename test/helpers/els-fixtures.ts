import { readFileSync } from 'node:fs';

/** A fixture under test/fixtures/endicia, byte-exact (CRLF kept). */
export function elsFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/endicia/${name}`, import.meta.url), 'utf8');
}

/**
 * Obviously fake pass phrases with everything that breaks naive clients: XML specials, form-encoding
 * specials (& + % =), quotes and spaces.
 */
export const FAKE_PASS_PHRASES = {
  simple: `a<b>&"c' d`,
  full: `fake <pass> & "phrase" 'x' + 50% = ok`,
  next: `new <fake> & "phrase" 'y' + 10% = fine`,
} as const;
