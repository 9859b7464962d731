import { afterEach } from 'vitest';
import {
  createEndiciaClient,
  type EndiciaClient,
  type EndiciaClientOptions,
} from '../../src/endicia/index.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/endicia/simulator/index.ts';
import { FAKE_PASS_PHRASES } from './els-fixtures.ts';

/** One simulator account ($120.50, up to $1,000) and its login, for client tests that need just one. */
export const ONE_ACCOUNT = {
  seed: { accountId: '2600001', passPhrase: FAKE_PASS_PHRASES.full, balance: '120.5', maxBalance: '1000' },
  credentials: { accountId: '2600001', passPhrase: FAKE_PASS_PHRASES.full },
} as const;

const running: Simulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

/** A simulator listening on 127.0.0.1:0, closed after the current test. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = createSimulator(options);
  running.push(simulator);
  await simulator.listen(0, '127.0.0.1');
  return simulator;
}

/** Our client pointed at `simulator`, with deterministic request ids. */
export function clientFor(simulator: Simulator, options: Partial<EndiciaClientOptions> = {}): EndiciaClient {
  let sequence = 0;
  return createEndiciaClient({
    baseUrl: simulator.url,
    requesterId: 'lxxx',
    timeoutMs: 5_000,
    newRequestId: () => `test-${++sequence}`,
    ...options,
  });
}

/** POSTs a form to `{url}/{path}` with plain fetch (not our client) and returns status, type and text. */
export async function postForm(url: string, path: string, form: Record<string, string>) {
  const response = await fetch(`${url}/${path}`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** Resolves once `check` holds, polling; fails after `timeoutMs` (a generous bound, never a race). */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** An account's figures without its pass phrase and history, safe to print in a failing assertion. */
export function accountFigures(simulator: Simulator, accountId: string) {
  const view = simulator.account(accountId);
  if (view === undefined) return undefined;
  const { passPhrase: _passPhrase, history: _history, ...figures } = view;
  return figures;
}
