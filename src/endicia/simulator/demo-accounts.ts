import type { SimAccountSeed } from './types.ts';

/**
 * The simulator's default accounts: fake demo credentials, printed by `npm run simulator` on purpose.
 * 1234567/current_password/20 replays the recorded ENDPOST cassettes (docs/endicia-els.md §11.9).
 */
export const DEMO_ACCOUNTS: readonly SimAccountSeed[] = Object.freeze([
  {
    accountId: '2500001',
    passPhrase: 'demo <one> & "two"',
    balance: '120.5',
    maxPurchase: '500',
    maxBalance: '1000',
  },
  { accountId: '2500002', passPhrase: "demo low 'balance'", balance: '8.75' },
  { accountId: '2500003', passPhrase: 'demo <suspended>', balance: '42', status: 'suspended' },
  { accountId: '2500004', passPhrase: 'demo temporary & new', balance: '0', needsReset: true },
  { accountId: '2500005', passPhrase: 'demo card "declined"', balance: '15', paymentState: 'declined' },
  { accountId: '1234567', passPhrase: 'current_password', balance: '20' },
]);
