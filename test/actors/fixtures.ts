import type { SimAccountSeed } from '../../src/endicia/simulator/index.ts';

/**
 * Fake pass phrases, each with < > & " ' and spaces so an XML-, URL- or JSON-escaped leak is as visible as a
 * raw one. Tests compare them with booleans or through `mask`, never print them.
 */
export const PHRASES = {
  main: `fake <main> & "quoted" 'phrase'`,
  other: `fake <other> & 'single' "double"`,
  changed: `fake <changed> & "new" 'one'`,
  wrong: `fake <wrong> & "guess" 'no'`,
} as const;

export const TEAM = 'T0ACTORS';
export const USER = 'U0CLERK';

/** The bot's own account: $120.50, $500 per purchase, $1,000 balance cap. */
export const MAIN = '2600001';
/** A colleague's account (reached from their low-balance alert). */
export const OTHER = '2600002';

export const SEEDS: readonly SimAccountSeed[] = [
  { accountId: MAIN, passPhrase: PHRASES.main, balance: '120.5', maxPurchase: '500', maxBalance: '1000' },
  { accountId: OTHER, passPhrase: PHRASES.other, balance: '50' },
];

export const mainCredentials = () => ({ accountId: MAIN, passPhrase: PHRASES.main });
export const otherCredentials = () => ({ accountId: OTHER, passPhrase: PHRASES.other });
