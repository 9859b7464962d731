import { describe, expect, it } from 'vitest';
import type { EndiciaCallRecord } from '../../src/endicia/index.ts';
import { FAKE_PASS_PHRASES } from '../helpers/els-fixtures.ts';
import { clientFor, startSimulator } from '../helpers/els-simulator.ts';

const seed = {
  accountId: '2600001',
  passPhrase: FAKE_PASS_PHRASES.full,
  balance: '120.5',
  maxBalance: '1000',
};
const credentials = { accountId: '2600001', passPhrase: FAKE_PASS_PHRASES.full };

async function observedClient(timeoutMs = 5_000) {
  const simulator = await startSimulator({ accounts: [seed] });
  const calls: EndiciaCallRecord[] = [];
  const client = clientFor(simulator, { timeoutMs, onCall: (call) => calls.push(call) });
  return { simulator, client, calls };
}

const outcomes = (calls: EndiciaCallRecord[]) => calls.map(({ operation, outcome }) => [operation, outcome]);

describe('onCall: every settled call, by operation and outcome', () => {
  it('ok, and refused for an answer with a non-zero Status', async () => {
    const { client, calls } = await observedClient();
    await client.getAccountStatus(credentials);
    await client.buyPostage(credentials, 10_000, { requestId: 'r1' });
    await expect(client.getAccountStatus({ ...credentials, passPhrase: 'wrong phrase' })).rejects.toThrow();
    await expect(client.changePassPhrase(credentials, 'x')).rejects.toThrow();
    expect(outcomes(calls)).toEqual([
      ['GetAccountStatus', 'ok'],
      ['BuyPostage', 'ok'],
      ['GetAccountStatus', 'refused'],
      ['ChangePassPhrase', 'refused'],
    ]);
    expect(calls.every((call) => call.seconds >= 0 && call.seconds < 5)).toBe(true);
    // Only the fixed fields: no credentials, no answer.
    expect(JSON.stringify(calls)).not.toContain('2600001');
  });

  it('unavailable for an HTTP error, timeout for a call that never answers', async () => {
    const { simulator, client, calls } = await observedClient(300);
    simulator.inject({ kind: 'http-500', op: 'BuyPostage' });
    await expect(client.buyPostage(credentials, 10_000, { requestId: 'r2' })).rejects.toThrow();
    simulator.inject({ kind: 'hang', op: 'GetAccountStatus' });
    await expect(client.getAccountStatus(credentials)).rejects.toMatchObject({ reason: 'timeout' });
    expect(outcomes(calls)).toEqual([
      ['BuyPostage', 'unavailable'],
      ['GetAccountStatus', 'timeout'],
    ]);
  });

  it('does not report a purchase refused before sending (bad amount), and an observer that throws changes nothing', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const calls: EndiciaCallRecord[] = [];
    const client = clientFor(simulator, {
      onCall: (call) => {
        calls.push(call);
        throw new Error('observer broke');
      },
    });
    await expect(client.buyPostage(credentials, 10_005, { requestId: 'r3' })).rejects.toMatchObject({
      code: 'ENDICIA_INVALID_ARGUMENT',
    });
    const bought = await client.buyPostage(credentials, 10_000, { requestId: 'r4' });
    expect(bought.balanceMils).toBe(130_500);
    expect(outcomes(calls)).toEqual([['BuyPostage', 'ok']]);
  });
});
