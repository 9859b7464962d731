import { CodedError } from '../../lib/coded-error.ts';

/** A seed the simulator cannot use (bad decimal, bad account number, duplicate account). */
export class SimulatorSeedError extends CodedError {
  constructor(message: string) {
    super('SIMULATOR_BAD_SEED', message);
  }
}

/** An injected fault that cannot work (a 'status' without a status, a 'latency' without ms, times < 1). */
export class SimulatorFaultError extends CodedError {
  constructor(message: string) {
    super('SIMULATOR_BAD_FAULT', message);
  }
}

/** `url` was read before `listen()` resolved. */
export class SimulatorNotListeningError extends CodedError {
  constructor() {
    super('SIMULATOR_NOT_LISTENING', 'the simulator is not listening; await listen() first');
  }
}

/** ENDICIA_SIMULATOR_ACCOUNTS is not JSON or not a valid list of seeds. */
export class SimulatorAccountsError extends CodedError {
  constructor(message: string) {
    super('SIMULATOR_ACCOUNTS_INVALID', message);
  }
}

/** The simulator's state file exists but cannot be read back (not written by this version, or damaged). */
export class SimulatorStateError extends CodedError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SIMULATOR_STATE_INVALID', message, options);
  }
}
