export { DEMO_ACCOUNTS } from './demo-accounts.ts';
export {
  SimulatorAccountsError,
  SimulatorFaultError,
  SimulatorNotListeningError,
  SimulatorSeedError,
  SimulatorStateError,
} from './errors.ts';
export { parseSimulatorAccounts } from './seeds.ts';
export { createSimulator, SERVICE_PATH } from './simulator.ts';
export type {
  Fault,
  FaultKind,
  ResponseShape,
  SimAccountSeed,
  SimAccountView,
  SimCall,
  Simulator,
  SimulatorOptions,
  StateCodec,
} from './types.ts';
