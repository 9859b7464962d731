import { describe, expect, it } from 'vitest';
import {
  DEMO_ACCOUNTS,
  parseSimulatorAccounts,
  SimulatorAccountsError,
} from '../../../src/endicia/simulator/index.ts';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SimulatorAccountsError);
    expect(error).toMatchObject({ code: 'SIMULATOR_ACCOUNTS_INVALID' });
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('parseSimulatorAccounts', () => {
  it('falls back to the demo accounts when unset or blank', () => {
    expect(parseSimulatorAccounts(undefined)).toBe(DEMO_ACCOUNTS);
    expect(parseSimulatorAccounts(null)).toBe(DEMO_ACCOUNTS);
    expect(parseSimulatorAccounts('  ')).toBe(DEMO_ACCOUNTS);
  });

  it('reads a JSON array of seeds, optional fields included', () => {
    const text = JSON.stringify([
      { accountId: '2800001', passPhrase: 'fake <one>', balance: '10.5' },
      { accountId: '2800002', passPhrase: 'fake two', balance: '0', maxPurchase: '100', status: 'closed' },
    ]);
    expect(parseSimulatorAccounts(text)).toEqual([
      { accountId: '2800001', passPhrase: 'fake <one>', balance: '10.5' },
      { accountId: '2800002', passPhrase: 'fake two', balance: '0', maxPurchase: '100', status: 'closed' },
    ]);
  });

  it('names every problem by path, never by value', () => {
    const text = JSON.stringify([{ accountId: 'abc', passPhrase: 'secret value', balance: '1e3', extra: 1 }]);
    const message = messageOf(() => parseSimulatorAccounts(text));
    expect(message).toContain('0.accountId: must be digits');
    expect(message).toContain('0.balance: must be a plain decimal');
    expect(message).toContain('extra');
    expect(message).not.toContain('secret value');
  });

  it('refuses invalid JSON and duplicates', () => {
    expect(messageOf(() => parseSimulatorAccounts('[{'))).toContain('not valid JSON');
    const twice = JSON.stringify([
      { accountId: '1', passPhrase: 'a b c d', balance: '1' },
      { accountId: '1', passPhrase: 'e f g h', balance: '2' },
    ]);
    expect(messageOf(() => parseSimulatorAccounts(twice))).toContain('account 1 twice');
  });
});
