import { formatUsd, type Mils } from '../lib/money.ts';
import type { AccountStatus, ReconcileOutcome } from './types.ts';

/**
 * Decides what happened to a purchase whose answer was lost, from readings taken before and after.
 * ControlRegister (total ever bought) is the better witness because printing labels does not move it; the
 * balance is used only when either reading lacks it. Any other movement → 'unknown' (someone printed or bought
 * elsewhere meanwhile): the bot must then say so rather than guess.
 */
export function comparePurchase(
  before: AccountStatus,
  after: AccountStatus,
  amountMils: Mils,
): ReconcileOutcome {
  if (before.accountId !== after.accountId) {
    return { outcome: 'unknown', status: after, reason: 'the two readings are of different accounts' };
  }
  const witness =
    before.controlRegisterMils !== null && after.controlRegisterMils !== null
      ? { name: 'control register', from: before.controlRegisterMils, to: after.controlRegisterMils }
      : { name: 'balance', from: before.balanceMils, to: after.balanceMils };
  const moved = witness.to - witness.from;
  if (moved === amountMils) return { outcome: 'confirmed', status: after };
  if (moved === 0) return { outcome: 'not-applied', status: after };
  const by = `${moved < 0 ? '-' : '+'}${formatUsd(Math.abs(moved))}`;
  return {
    outcome: 'unknown',
    status: after,
    reason: `the ${witness.name} moved by ${by}, not by the ${formatUsd(amountMils)} purchase`,
  };
}
