import { formatUsd, type Mils } from '../lib/money.ts';
import type { AccountStatus, ReconcileOutcome } from './types.ts';

/**
 * THE comparison that decides what happened to a purchase whose answer is missing, from readings taken
 * before and after: the wizard's lost answer, crash recovery and the later re-checks all decide with it.
 * ControlRegister (total ever bought) is the better witness because printing labels does not move it; the
 * balance is used only when either reading lacks it. Any other movement → `unconfirmed` (someone printed or
 * bought elsewhere meanwhile): the bot must then say so rather than guess. Never `failed`: only Endicia's
 * own answer says nothing was bought.
 */
export function comparePurchase(
  before: AccountStatus,
  after: AccountStatus,
  amountMils: Mils,
): ReconcileOutcome {
  if (before.accountId !== after.accountId) {
    return {
      outcome: 'unconfirmed',
      why: 'not-comparable',
      status: after,
      reason: 'the two readings are of different accounts',
    };
  }
  const witness =
    before.controlRegisterMils !== null && after.controlRegisterMils !== null
      ? { name: 'control register', from: before.controlRegisterMils, to: after.controlRegisterMils }
      : { name: 'balance', from: before.balanceMils, to: after.balanceMils };
  const moved = witness.to - witness.from;
  if (moved === amountMils) return { outcome: 'confirmed', status: after };
  if (moved === 0) return { outcome: 'unconfirmed', why: 'not-moved', status: after };
  const by = `${moved < 0 ? '-' : '+'}${formatUsd(Math.abs(moved))}`;
  return {
    outcome: 'unconfirmed',
    why: 'moved-otherwise',
    status: after,
    reason: `the ${witness.name} moved by ${by}, not by the ${formatUsd(amountMils)} purchase`,
  };
}
