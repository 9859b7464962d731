import { describe, expect, it } from 'vitest';
import { SimulatorSeedError } from '../../../src/endicia/simulator/index.ts';
import { clientFor, startSimulator } from '../../helpers/els-simulator.ts';

const seed = { accountId: '2500009', passPhrase: 'print <me> & "q"', balance: '50', maxBalance: '1000' };

describe('simulator: labels printed outside the bot', () => {
  it('lower the balance, raise postage printed and the serial number, and leave the control register', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    const before = await client.getAccountStatus(seed);
    simulator.printPostage(seed.accountId, '12.34');
    const after = await client.getAccountStatus(seed);
    expect(after.balanceMils).toBe(before.balanceMils - 12_340);
    expect(after.ascendingBalanceMils).toBe(before.ascendingBalanceMils + 12_340);
    expect(after.serialNumber).toBe(before.serialNumber + 1);
    expect(after.controlRegisterMils).toBe(before.controlRegisterMils);
    await simulator.close();
  });

  it('refuse more than the balance, a bad amount, or an unknown account', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    expect(() => simulator.printPostage(seed.accountId, '50.01')).toThrow(SimulatorSeedError);
    expect(() => simulator.printPostage(seed.accountId, '-1')).toThrow(SimulatorSeedError);
    expect(() => simulator.printPostage('2999999', '1')).toThrow(SimulatorSeedError);
    expect(simulator.account(seed.accountId)?.balanceMils).toBe(50_000);
    await simulator.close();
  });
});
