import { describe, expect, it } from 'vitest';
import { EndiciaError } from '../../src/endicia/index.ts';
import type { Fault } from '../../src/endicia/simulator/index.ts';
import { FAKE_PASS_PHRASES } from '../helpers/els-fixtures.ts';
import { leakedViews } from '../helpers/els-secrets.ts';
import { clientFor, startSimulator } from '../helpers/els-simulator.ts';

const PASS = FAKE_PASS_PHRASES.full;
const NEXT = FAKE_PASS_PHRASES.next;
const SECRETS = [PASS, NEXT];
const seed = { accountId: '2600001', passPhrase: PASS, balance: '120.5' };
const credentials = { accountId: '2600001', passPhrase: PASS };

type Call = 'status' | 'buy' | 'change';

async function failure(
  call: Call,
  setup: { fault?: Fault; timeoutMs?: number; passPhrase?: string; amount?: number },
) {
  const simulator = await startSimulator({ accounts: [seed] });
  if (setup.fault) simulator.inject(setup.fault);
  const client = clientFor(simulator, { timeoutMs: setup.timeoutMs ?? 5_000 });
  const given = { ...credentials, passPhrase: setup.passPhrase ?? PASS };
  const run = {
    status: () => client.getAccountStatus(given),
    buy: () => client.buyPostage(given, setup.amount ?? 10_000, { requestId: 'secret-test' }),
    change: () => client.changePassPhrase(given, NEXT),
  }[call];
  return run().then(
    () => {
      throw new Error(`expected ${call} to fail`);
    },
    (error: unknown) => error,
  );
}

describe('no EndiciaError ever carries a pass phrase', () => {
  it.each([
    ['status', 'a wrong pass phrase (12507)', { passPhrase: NEXT }],
    ['buy', 'an amount refusal (12118)', { amount: 5_000 }],
    ['buy', 'an argument error', { amount: 10_001 }],
    ['change', 'a reused pass phrase (12669)', { fault: { kind: 'status', status: 12669 } }],
    ['buy', 'HTTP 500', { fault: { kind: 'http-500' } }],
    ['status', 'an HTML page', { fault: { kind: 'html' } }],
    ['buy', 'a truncated answer', { fault: { kind: 'truncated' } }],
    ['change', 'a truncated answer', { fault: { kind: 'truncated' } }],
    ['buy', 'a connection reset', { fault: { kind: 'reset' } }],
    ['change', 'a connection reset', { fault: { kind: 'reset' } }],
    ['buy', 'a lost answer', { fault: { kind: 'lost-answer' } }],
    ['buy', 'a got timeout', { fault: { kind: 'hang' }, timeoutMs: 150 }],
    ['change', 'a got timeout', { fault: { kind: 'hang' }, timeoutMs: 150 }],
    ['status', 'a got timeout', { fault: { kind: 'hang' }, timeoutMs: 150 }],
  ] as Array<[Call, string, Parameters<typeof failure>[1]]>)('%s: %s', async (call, _name, setup) => {
    const error = await failure(call, setup);
    expect(error).toBeInstanceOf(EndiciaError);
    expect((error as Error).cause).toBeUndefined();
    expect(leakedViews(error, SECRETS)).toEqual([]);
  });

  it('a refused connection', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    await simulator.close();
    const error = await client
      .buyPostage(credentials, 10_000, { requestId: 'r' })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(EndiciaError);
    expect(leakedViews(error, SECRETS)).toEqual([]);
  });

  it('an aborted status read', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'hang' });
    const controller = new AbortController();
    controller.abort();
    const error = await clientFor(simulator)
      .getAccountStatus(credentials, { signal: controller.signal })
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(EndiciaError);
    expect(leakedViews(error, SECRETS)).toEqual([]);
  });

  it('the leak detector itself finds a pass phrase in a cause, escaped or encoded', () => {
    const escaped = PASS.replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
    expect(leakedViews(new Error('outer', { cause: new Error(escaped) }), SECRETS)).toContain(
      'cause.message',
    );
    expect(leakedViews(new Error(encodeURIComponent(NEXT)), SECRETS)).toContain('message');
    const withBody = Object.assign(new Error('got'), {
      options: { body: new URLSearchParams({ f: PASS }).toString() },
    });
    expect(leakedViews(withBody, SECRETS)).toContain('util.inspect');
  });
});
