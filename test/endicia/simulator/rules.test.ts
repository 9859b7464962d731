import { describe, expect, it } from 'vitest';
import {
  createSimulator,
  DEMO_ACCOUNTS,
  SimulatorNotListeningError,
  SimulatorSeedError,
} from '../../../src/endicia/simulator/index.ts';
import { accountFigures, clientFor, postForm, startSimulator, waitFor } from '../../helpers/els-simulator.ts';

const PASS = 'rules <fake> & "phrase"';
const seed = { accountId: '2900001', passPhrase: PASS, balance: '20' };
const credentials = { accountId: '2900001', passPhrase: PASS };
const wrong = { ...credentials, passPhrase: 'wrong <fake>' };

describe('simulator account rules', () => {
  it('suspendAfter is configurable', async () => {
    const simulator = await startSimulator({ accounts: [seed], suspendAfter: 2 });
    const client = clientFor(simulator);
    await expect(client.getAccountStatus(wrong)).rejects.toMatchObject({ status: 12507 });
    await expect(client.getAccountStatus(wrong)).rejects.toMatchObject({ status: 12507 });
    await expect(client.getAccountStatus(credentials)).rejects.toMatchObject({ status: 2012 });
  });

  it('a suspended account answers 12525 when so configured; wrong phrases no longer count', async () => {
    const simulator = await startSimulator({
      accounts: [{ ...seed, status: 'suspended' }],
      suspendedStatus: 12525,
    });
    const client = clientFor(simulator);
    await expect(client.getAccountStatus(wrong)).rejects.toMatchObject({
      status: 12525,
      category: 'account-state',
    });
    await expect(client.changePassPhrase(credentials, 'new <fake> phrase')).rejects.toMatchObject({
      status: 12525,
    });
    expect(accountFigures(simulator, '2900001')?.badAttempts).toBe(0);
  });

  it('a closed account answers 2015', async () => {
    const simulator = await startSimulator({ accounts: [{ ...seed, status: 'closed' }] });
    await expect(clientFor(simulator).getAccountStatus(credentials)).rejects.toMatchObject({
      status: 2015,
      endiciaMessage: 'Account #2900001 is closed. Please contact the Endicia Label Server Support Team.',
    });
  });

  it('a wrong phrase on ChangePassPhrase counts toward suspension too', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    await expect(clientFor(simulator).changePassPhrase(wrong, 'new <fake> phrase')).rejects.toMatchObject({
      status: 12507,
    });
    expect(accountFigures(simulator, '2900001')?.badAttempts).toBe(1);
  });

  it('a successful change clears the count and the temporary flag; history keeps the last four', async () => {
    const simulator = await startSimulator({ accounts: [{ ...seed, needsReset: true }] });
    const client = clientFor(simulator);
    await client.getAccountStatus(wrong).catch(() => undefined);
    let current = PASS;
    for (const next of ['two <2> fake', 'three <3> fake', 'four <4> fake', 'five <5> fake']) {
      await client.changePassPhrase({ accountId: '2900001', passPhrase: current }, next);
      current = next;
    }
    const view = simulator.account('2900001');
    expect(accountFigures(simulator, '2900001')).toMatchObject({ badAttempts: 0, needsReset: false });
    expect(view?.history.length).toBe(4);
    expect(view?.history.includes(PASS)).toBe(false);
    expect(view?.history.at(-1) === current).toBe(true);
  });

  it('fixed2 decimal style prints two decimals and our client reads it the same', async () => {
    const simulator = await startSimulator({ accounts: [seed], decimalStyle: 'fixed2' });
    await expect(clientFor(simulator).getAccountStatus(credentials)).resolves.toMatchObject({
      balanceMils: 20_000,
    });
  });

  it('parallel purchases are each applied exactly once', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.buyPostage(credentials, 10_000, { requestId: `p${i}` })),
    );
    expect(accountFigures(simulator, '2900001')).toMatchObject({
      recredits: 10,
      balanceMils: 120_000,
      controlRegisterMils: 120_000,
    });
  });

  it('account() is a frozen copy; unknown accounts are undefined', async () => {
    const simulator = createSimulator({ accounts: [seed] });
    const view = simulator.account('2900001');
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.isFrozen(view?.history)).toBe(true);
    expect(simulator.account('0000000')).toBeUndefined();
  });

  it('addAccount adds at runtime and refuses duplicates and bad seeds', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.addAccount({ accountId: '2900002', passPhrase: PASS, balance: '5.5' });
    await expect(
      clientFor(simulator).getAccountStatus({ accountId: '2900002', passPhrase: PASS }),
    ).resolves.toMatchObject({ balanceMils: 5_500 });
    expect(() => simulator.addAccount(seed)).toThrow(SimulatorSeedError);
    expect(() => simulator.addAccount({ ...seed, accountId: '2900003', balance: '-1' })).toThrow(
      SimulatorSeedError,
    );
    expect(() => simulator.addAccount({ ...seed, accountId: 'abc' })).toThrow(SimulatorSeedError);
  });

  it('the default accounts are the documented demo accounts', async () => {
    const simulator = createSimulator();
    expect(accountFigures(simulator, '2500001')).toMatchObject({
      balanceMils: 120_500,
      maxPurchaseMils: 500_000,
      maxBalanceMils: 1_000_000,
    });
    expect(accountFigures(simulator, '2500002')?.balanceMils).toBe(8_750);
    expect(DEMO_ACCOUNTS.some((account) => account.status === 'suspended')).toBe(true);
    const cassette = simulator.account('1234567');
    expect(cassette?.passPhrase === 'current_password' && cassette.balanceMils === 20_000).toBe(true);
  });

  it('url throws before listen and after close; close is idempotent and ends hanging calls', async () => {
    const simulator = createSimulator({ accounts: [seed] });
    expect(() => simulator.url).toThrow(SimulatorNotListeningError);
    await simulator.listen();
    simulator.inject({ kind: 'hang', times: Number.POSITIVE_INFINITY });
    const pending = clientFor(simulator, { timeoutMs: 15_000 })
      .getAccountStatus(credentials)
      .catch((error: unknown) => error);
    await waitFor(() => simulator.calls.length === 1);
    await simulator.close();
    await expect(pending).resolves.toMatchObject({ reason: 'network' });
    await simulator.close();
    expect(() => simulator.url).toThrow(SimulatorNotListeningError);
  });

  it('answers an unparsable document with 100002 when so configured', async () => {
    const simulator = await startSimulator({ accounts: [seed], parseErrorStatus: 100002 });
    const answer = await postForm(simulator.url, 'BuyPostageXML', {
      recreditRequestXML: '<RecreditRequest>',
    });
    expect(answer.text).toContain('<Status>100002</Status>');
    await expect(clientFor(simulator).getAccountStatus(credentials)).resolves.toBeDefined();
  });

  it('records calls without pass phrases', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    await clientFor(simulator)
      .getAccountStatus(wrong)
      .catch(() => undefined);
    expect(simulator.calls).toEqual([
      { op: 'GetAccountStatus', accountId: '2900001', requestId: 'test-1', status: 12507 },
    ]);
    expect(JSON.stringify(simulator.calls).includes('fake')).toBe(false);
  });
});
