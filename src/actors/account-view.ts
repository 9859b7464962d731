import type { AccountStatus } from '../endicia/index.ts';
import type { AccountView } from '../machine/index.ts';

/** Endicia's reading → the machine's picture of the account (and back, for reconciliation). */
export function toAccountView(status: AccountStatus, readAt: Date): AccountView {
  return {
    accountId: status.accountId,
    balanceMils: status.balanceMils,
    accountStatus: status.accountStatus,
    serialNumber: status.serialNumber,
    controlRegisterMils: status.controlRegisterMils,
    readAt: readAt.toISOString(),
  };
}

export function toAccountStatus(view: AccountView): AccountStatus {
  return {
    accountId: view.accountId,
    balanceMils: view.balanceMils,
    // Reconciliation compares balance and control register only; the rest is carried for completeness.
    ascendingBalanceMils: 0,
    serialNumber: view.serialNumber,
    accountStatus: view.accountStatus,
    deviceId: null,
    controlRegisterMils: view.controlRegisterMils,
  };
}
