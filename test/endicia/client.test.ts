import { describe, expect, it } from 'vitest';
import { EndiciaApiError, EndiciaArgumentError, type EndiciaCredentials } from '../../src/endicia/index.ts';
import { FAKE_PASS_PHRASES } from '../helpers/els-fixtures.ts';
import { accountFigures, clientFor, startSimulator } from '../helpers/els-simulator.ts';

const PASS = FAKE_PASS_PHRASES.full;
const seed = {
  accountId: '2600001',
  passPhrase: PASS,
  balance: '120.5',
  maxPurchase: '500',
  maxBalance: '1000',
};
const credentials: EndiciaCredentials = { accountId: '2600001', passPhrase: PASS };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('client against the simulator: success', () => {
  it('reads the account status exactly (wsdl2021 shape)', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    await expect(clientFor(simulator).getAccountStatus(credentials)).resolves.toEqual({
      accountId: '2600001',
      balanceMils: 120_500,
      ascendingBalanceMils: 0,
      serialNumber: 0,
      accountStatus: 'A',
      deviceId: '071S02600001',
      controlRegisterMils: 120_500,
    });
  });

  it('buys postage with a pass phrase full of & + % = < > " \' and spaces', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const result = await clientFor(simulator).buyPostage(credentials, 25_250, { requestId: 'buy-1' });
    expect(result).toMatchObject({ requestId: 'buy-1', balanceMils: 145_750, controlRegisterMils: 145_750 });
    expect(result.transactionId).toMatch(/^\d+$/);
    expect(accountFigures(simulator, '2600001')).toMatchObject({ balanceMils: 145_750, recredits: 1 });
  });

  it('changes the pass phrase (both phrases full of specials); the old one then fails, the new one works', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    await client.changePassPhrase(credentials, FAKE_PASS_PHRASES.next);
    expect(simulator.account('2600001')?.passPhrase === FAKE_PASS_PHRASES.next).toBe(true);
    await expect(client.getAccountStatus(credentials)).rejects.toMatchObject({ status: 12507 });
    const renewed = { accountId: '2600001', passPhrase: FAKE_PASS_PHRASES.next };
    await expect(client.buyPostage(renewed, 10_000, { requestId: 'after-change' })).resolves.toMatchObject({
      balanceMils: 130_500,
    });
  });

  it('reads the legacy2015 shape: no TransactionID, no ControlRegister', async () => {
    const simulator = await startSimulator({ accounts: [seed], shape: 'legacy2015' });
    const client = clientFor(simulator);
    await expect(client.getAccountStatus(credentials)).resolves.toMatchObject({ controlRegisterMils: null });
    await expect(client.buyPostage(credentials, 10_000, { requestId: 'b' })).resolves.toMatchObject({
      transactionId: null,
      controlRegisterMils: null,
      balanceMils: 130_500,
    });
  });
});

describe('client against the simulator: refusals', () => {
  it.each([
    ['a wrong pass phrase', 'not it'],
    ['a pass phrase in another case', PASS.toUpperCase()],
    ['a pass phrase with an extra space', `${PASS} `],
  ])('%s → 12507 on the passPhrase field', async (_name, passPhrase) => {
    const simulator = await startSimulator({ accounts: [seed] });
    const error = await rejection(
      clientFor(simulator).getAccountStatus({ accountId: '2600001', passPhrase }),
    );
    expect(error).toBeInstanceOf(EndiciaApiError);
    expect(error).toMatchObject({
      code: 'ENDICIA_AUTHENTICATION',
      status: 12507,
      field: 'passPhrase',
      endiciaMessage: 'The Certified Intermediary’s pass phrase is incorrect.',
    });
    expect(accountFigures(simulator, '2600001')?.badAttempts).toBe(1);
  });

  it('an unknown account → 12101 on the accountId field', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    await expect(
      clientFor(simulator).getAccountStatus({ ...credentials, accountId: '2699999' }),
    ).rejects.toMatchObject({
      status: 12101,
      field: 'accountId',
      category: 'authentication',
    });
  });

  it('suspends on the 5th wrong pass phrase in a row (which still answers 12507); then 2012 even when right', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    const wrong = { ...credentials, passPhrase: 'wrong phrase' };
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await expect(client.getAccountStatus(wrong)).rejects.toMatchObject({ status: 12507 });
    }
    expect(accountFigures(simulator, '2600001')).toMatchObject({ status: 'suspended', badAttempts: 5 });
    const error = await rejection(client.buyPostage(credentials, 10_000, { requestId: 'x' }));
    expect(error).toMatchObject({ code: 'ENDICIA_ACCOUNT_STATE', status: 2012, category: 'account-state' });
    expect((error as EndiciaApiError).endiciaMessage).toMatch(/^Account #2600001 has been suspended/);
    expect(accountFigures(simulator, '2600001')?.recredits).toBe(0);
  });

  it('a correct pass phrase resets the count of wrong ones', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    const wrong = { ...credentials, passPhrase: 'wrong phrase' };
    for (let attempt = 1; attempt <= 4; attempt += 1)
      await client.getAccountStatus(wrong).catch(() => undefined);
    await client.getAccountStatus(credentials);
    for (let attempt = 1; attempt <= 4; attempt += 1)
      await client.getAccountStatus(wrong).catch(() => undefined);
    expect(accountFigures(simulator, '2600001')).toMatchObject({ status: 'active', badAttempts: 4 });
  });

  it.each([
    ['under $10 → 12118', 9_990, 12118],
    ['over the per-purchase limit → 12119', 500_010, 12119],
    ['$100,000 or more → 1020', 100_000_000, 1020],
  ])('%s', async (_name, amountMils, status) => {
    const simulator = await startSimulator({ accounts: [seed] });
    await expect(
      clientFor(simulator).buyPostage(credentials, amountMils, { requestId: 'r' }),
    ).rejects.toMatchObject({ status, category: 'amount', code: 'ENDICIA_AMOUNT' });
    expect(accountFigures(simulator, '2600001')?.balanceMils).toBe(120_500);
  });

  it('a purchase that would lift the balance over the account maximum → 12119', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    await client.buyPostage(credentials, 500_000, { requestId: 'first' });
    await expect(client.buyPostage(credentials, 500_000, { requestId: 'second' })).rejects.toMatchObject({
      status: 12119,
    });
    expect(accountFigures(simulator, '2600001')?.balanceMils).toBe(620_500);
  });

  it('refuses a pass phrase among the last four with 12669, and accepts the oldest once it has rotated out', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    await expect(client.changePassPhrase(credentials, PASS)).rejects.toMatchObject({
      status: 12669,
      code: 'ENDICIA_PASS_PHRASE_REUSED',
      category: 'pass-phrase-reused',
    });
    let current: string = PASS;
    for (const next of ['second <2>', 'third & 3', 'fourth "4"']) {
      await client.changePassPhrase({ accountId: '2600001', passPhrase: current }, next);
      current = next;
    }
    await expect(
      client.changePassPhrase({ accountId: '2600001', passPhrase: current }, PASS),
    ).rejects.toMatchObject({
      status: 12669,
    });
    await client.changePassPhrase({ accountId: '2600001', passPhrase: current }, 'fifth + 5');
    await expect(
      client.changePassPhrase({ accountId: '2600001', passPhrase: 'fifth + 5' }, PASS),
    ).resolves.toBe(undefined);
  });

  it('a temporary pass phrase: status works, BuyPostage → 2011 until the phrase is changed', async () => {
    const simulator = await startSimulator({ accounts: [{ ...seed, needsReset: true }] });
    const client = clientFor(simulator);
    await expect(client.getAccountStatus(credentials)).resolves.toMatchObject({ balanceMils: 120_500 });
    await expect(client.buyPostage(credentials, 10_000, { requestId: 'r' })).rejects.toMatchObject({
      status: 2011,
      needsPassPhraseReset: true,
      category: 'account-state',
    });
    await client.changePassPhrase(credentials, FAKE_PASS_PHRASES.next);
    const renewed = { accountId: '2600001', passPhrase: FAKE_PASS_PHRASES.next };
    await expect(client.buyPostage(renewed, 10_000, { requestId: 'r2' })).resolves.toMatchObject({
      balanceMils: 130_500,
    });
  });

  it.each([
    ['declined', 12128],
    ['expired', 12117],
    ['unavailable', 12132],
  ] as const)('a card that is %s → %d (payment)', async (paymentState, status) => {
    const simulator = await startSimulator({ accounts: [{ ...seed, paymentState }] });
    await expect(
      clientFor(simulator).buyPostage(credentials, 10_000, { requestId: 'r' }),
    ).rejects.toMatchObject({ status, category: 'payment', code: 'ENDICIA_PAYMENT' });
  });

  it('a server-side refusal (injected 12130) → service', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'status', status: 12130, op: 'BuyPostage' });
    await expect(
      clientFor(simulator).buyPostage(credentials, 10_000, { requestId: 'r' }),
    ).rejects.toMatchObject({ status: 12130, category: 'service', code: 'ENDICIA_SERVICE' });
    expect(accountFigures(simulator, '2600001')?.recredits).toBe(0);
  });

  it.each([10_005, 0, -10_000, 1.5, Number.NaN])(
    'refuses the amount %d mils before sending anything',
    async (mils) => {
      const simulator = await startSimulator({ accounts: [seed] });
      const error = await rejection(clientFor(simulator).buyPostage(credentials, mils, { requestId: 'r' }));
      expect(error).toBeInstanceOf(EndiciaArgumentError);
      expect(error).toMatchObject({ code: 'ENDICIA_INVALID_ARGUMENT', op: 'BuyPostage' });
      expect(simulator.calls).toHaveLength(0);
    },
  );

  it('sends the given RequestID, or a generated one', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    let generated = 0;
    const client = clientFor(simulator, { newRequestId: () => `generated-${++generated}` });
    await client.getAccountStatus(credentials, { requestId: 'given-1' });
    await client.getAccountStatus(credentials);
    await client.buyPostage(credentials, 10_000, { requestId: 'buy-given' });
    await client.changePassPhrase(credentials, FAKE_PASS_PHRASES.next);
    expect(simulator.calls.map((call) => call.requestId)).toEqual([
      'given-1',
      'generated-1',
      'buy-given',
      'generated-2',
    ]);
  });
});
