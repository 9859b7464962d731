import { type Mils, parseDecimal } from '../../lib/money.ts';
import { SimulatorSeedError } from './errors.ts';
import type { SimAccountSeed, SimAccountView } from './types.ts';

/** The mutable state of one account (money in mils): the view tests read, with a history it can append to. */
export interface SimAccount extends Omit<SimAccountView, 'history'> {
  history: string[];
}

/** Pass phrases remembered against reuse, the current one included (DOC13: "four previously used"). */
export const HISTORY_DEPTH = 4;

function money(
  seed: SimAccountSeed,
  field: 'balance' | 'maxPurchase' | 'maxBalance',
  fallback: string,
): Mils {
  const mils = parseDecimal(seed[field] ?? fallback);
  if (mils === undefined)
    throw new SimulatorSeedError(`account ${seed.accountId}: ${field} is not a decimal`);
  return mils;
}

/** Builds an account from its seed; ControlRegister starts at the balance (nothing printed yet). */
export function createAccount(seed: SimAccountSeed): SimAccount {
  if (!/^\d{1,10}$/.test(seed.accountId)) {
    throw new SimulatorSeedError(`account number must be digits, got ${JSON.stringify(seed.accountId)}`);
  }
  const balanceMils = money(seed, 'balance', '0');
  return {
    accountId: seed.accountId,
    passPhrase: seed.passPhrase,
    history: [seed.passPhrase],
    status: seed.status ?? 'active',
    needsReset: seed.needsReset ?? false,
    badAttempts: 0,
    balanceMils,
    ascendingBalanceMils: 0,
    controlRegisterMils: balanceMils,
    serialNumber: 0,
    // Observed pattern: "071S0" + account number (071S01234567), 12 characters for 7-digit accounts.
    deviceId: `071S0${seed.accountId}`,
    maxPurchaseMils: money(seed, 'maxPurchase', '500'),
    maxBalanceMils: money(seed, 'maxBalance', '500'),
    paymentState: seed.paymentState ?? 'ok',
    recredits: 0,
  };
}

/** A frozen copy for callers outside the simulator. */
export function viewOf(account: SimAccount): Readonly<SimAccountView> {
  return Object.freeze({ ...account, history: Object.freeze([...account.history]) });
}
