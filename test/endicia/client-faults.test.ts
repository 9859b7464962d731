import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createEndiciaClient, EndiciaUnavailableError } from '../../src/endicia/index.ts';
import { elsFixture } from '../helpers/els-fixtures.ts';
import { accountFigures, clientFor, ONE_ACCOUNT, startSimulator, waitFor } from '../helpers/els-simulator.ts';

const { seed, credentials } = ONE_ACCOUNT;
const buys = (simulator: { calls: ReadonlyArray<{ op: string }> }) =>
  simulator.calls.filter((call) => call.op === 'BuyPostage').length;

async function rejection(promise: Promise<unknown>): Promise<EndiciaUnavailableError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EndiciaUnavailableError);
  return error as EndiciaUnavailableError;
}

describe('transport faults → EndiciaUnavailableError', () => {
  it('HTTP 500 → http-status with the status; nothing bought', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'http-500', op: 'BuyPostage' });
    const error = await rejection(clientFor(simulator).buyPostage(credentials, 10_000, { requestId: 'r' }));
    expect(error).toMatchObject({
      reason: 'http-status',
      httpStatus: 500,
      outcomeUnknown: true,
      op: 'BuyPostage',
    });
    expect(accountFigures(simulator, '2600001')?.recredits).toBe(0);
  });

  it('an HTML page with HTTP 200 → html', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'html' });
    const error = await rejection(clientFor(simulator).getAccountStatus(credentials));
    expect(error).toMatchObject({ reason: 'html', code: 'ENDICIA_UNAVAILABLE', outcomeUnknown: false });
  });

  it('an HTML page labelled text/xml is still recognised as HTML', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      response.end(elsFixture('iis-error-page.html'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createEndiciaClient({
        baseUrl: `http://127.0.0.1:${port}/LabelService/EwsLabelService.asmx`,
        requesterId: 'lxxx',
        timeoutMs: 5_000,
      });
      await expect(rejection(client.getAccountStatus(credentials))).resolves.toMatchObject({
        reason: 'html',
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a truncated answer → malformed; the purchase was applied (the answer is what got lost)', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'truncated', op: 'BuyPostage' });
    const error = await rejection(clientFor(simulator).buyPostage(credentials, 10_000, { requestId: 'r' }));
    expect(error).toMatchObject({ reason: 'malformed', outcomeUnknown: true });
    expect(accountFigures(simulator, '2600001')).toMatchObject({ recredits: 1, balanceMils: 130_500 });
  });

  it('a connection reset → network with the error code only; nothing applied, nothing retried', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'reset', op: 'BuyPostage' });
    const error = await rejection(clientFor(simulator).buyPostage(credentials, 10_000, { requestId: 'r' }));
    expect(error.reason).toBe('network');
    expect(error.errorCode).toMatch(/^E[A-Z]+$/);
    expect(buys(simulator)).toBe(1);
    expect(accountFigures(simulator, '2600001')?.recredits).toBe(0);
  });

  it('a hang longer than the client timeout → timeout (ETIMEDOUT)', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'hang' });
    const error = await rejection(clientFor(simulator, { timeoutMs: 200 }).getAccountStatus(credentials));
    expect(error).toMatchObject({ reason: 'timeout', errorCode: 'ETIMEDOUT' });
  });

  it('latency under the timeout only delays the answer', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'latency', ms: 150 });
    const started = performance.now();
    await expect(clientFor(simulator).getAccountStatus(credentials)).resolves.toMatchObject({
      balanceMils: 120_500,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('setLatency delays every call', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.setLatency(100);
    const client = clientFor(simulator);
    const started = performance.now();
    await client.getAccountStatus(credentials);
    await client.getAccountStatus(credentials);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('an aborted status read → network ERR_ABORTED', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'hang' });
    const controller = new AbortController();
    const pending = clientFor(simulator).getAccountStatus(credentials, { signal: controller.signal });
    await waitFor(() => simulator.calls.length === 1);
    controller.abort();
    await expect(rejection(pending)).resolves.toMatchObject({ reason: 'network', errorCode: 'ERR_ABORTED' });
  });

  it('a closed port → network ECONNREFUSED', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    await simulator.close();
    const error = await rejection(client.getAccountStatus(credentials));
    expect(error).toMatchObject({ reason: 'network', errorCode: 'ECONNREFUSED' });
  });

  it('faults match their op and are consumed: other calls and later calls are normal', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.inject({ kind: 'http-500', op: 'BuyPostage', times: 2 });
    const client = clientFor(simulator);
    await expect(client.getAccountStatus(credentials)).resolves.toBeDefined();
    await expect(client.buyPostage(credentials, 10_000, { requestId: 'a' })).rejects.toMatchObject({
      httpStatus: 500,
    });
    await expect(client.buyPostage(credentials, 10_000, { requestId: 'b' })).rejects.toMatchObject({
      httpStatus: 500,
    });
    await expect(client.buyPostage(credentials, 10_000, { requestId: 'c' })).resolves.toMatchObject({
      balanceMils: 130_500,
    });
  });
});

describe('lost purchase answers and reconcile', () => {
  it('lost-answer: the client sees unavailable, the balance moved once, reconcile confirms', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    const before = await client.getAccountStatus(credentials);
    simulator.inject({ kind: 'lost-answer', op: 'BuyPostage' });
    const error = await rejection(client.buyPostage(credentials, 25_000, { requestId: 'lost-1' }));
    expect(error).toMatchObject({ reason: 'network', outcomeUnknown: true });
    expect(buys(simulator)).toBe(1);
    expect(accountFigures(simulator, '2600001')).toMatchObject({ recredits: 1, balanceMils: 145_500 });
    const outcome = await client.reconcilePurchase(credentials, before, 25_000);
    expect(outcome).toMatchObject({
      outcome: 'confirmed',
      status: { balanceMils: 145_500, controlRegisterMils: 145_500 },
    });
  });

  it('a timeout while the server is slow: applied after the client gave up, reconcile confirms', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator, { timeoutMs: 200 });
    const before = await client.getAccountStatus(credentials);
    simulator.inject({ kind: 'latency', ms: 600, op: 'BuyPostage' });
    await expect(
      rejection(client.buyPostage(credentials, 10_000, { requestId: 'slow' })),
    ).resolves.toMatchObject({
      reason: 'timeout',
    });
    await waitFor(() => simulator.account('2600001')?.recredits === 1);
    await expect(client.reconcilePurchase(credentials, before, 10_000)).resolves.toMatchObject({
      outcome: 'confirmed',
    });
  });

  it('a reset before the server saw the purchase: reconcile says unconfirmed, not moved', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    const before = await client.getAccountStatus(credentials);
    simulator.inject({ kind: 'reset', op: 'BuyPostage' });
    await rejection(client.buyPostage(credentials, 10_000, { requestId: 'reset' }));
    await expect(client.reconcilePurchase(credentials, before, 10_000)).resolves.toEqual({
      outcome: 'unconfirmed',
      why: 'not-moved',
      status: before,
    });
  });

  it('someone else bought meanwhile: reconcile is unconfirmed and says by how much it moved', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    const before = await client.getAccountStatus(credentials);
    simulator.inject({ kind: 'lost-answer', op: 'BuyPostage' });
    await rejection(client.buyPostage(credentials, 10_000, { requestId: 'mine' }));
    await clientFor(simulator).buyPostage(credentials, 20_000, { requestId: 'theirs' });
    await expect(client.reconcilePurchase(credentials, before, 10_000)).resolves.toMatchObject({
      outcome: 'unconfirmed',
      why: 'moved-otherwise',
      status: { balanceMils: 150_500 },
      reason: 'the control register moved by +$30.00, not by the $10.00 purchase',
    });
  });

  it('the re-read fails too: unconfirmed (unreadable) with no status', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    const client = clientFor(simulator);
    const before = await client.getAccountStatus(credentials);
    simulator.inject({ kind: 'http-500', times: Number.POSITIVE_INFINITY });
    await rejection(client.buyPostage(credentials, 10_000, { requestId: 'r' }));
    await expect(client.reconcilePurchase(credentials, before, 10_000)).resolves.toEqual({
      outcome: 'unconfirmed',
      why: 'unreadable',
      status: null,
      reason: 'the account could not be re-read (ENDICIA_UNAVAILABLE)',
    });
    simulator.clearFaults();
    await expect(client.getAccountStatus(credentials)).resolves.toBeDefined();
  });

  it('reconcile on a legacy server (no ControlRegister) falls back to the balance', async () => {
    const simulator = await startSimulator({ accounts: [seed], shape: 'legacy2015' });
    const client = clientFor(simulator);
    const before = await client.getAccountStatus(credentials);
    simulator.inject({ kind: 'truncated', op: 'BuyPostage' });
    await rejection(client.buyPostage(credentials, 10_000, { requestId: 'r' }));
    await expect(client.reconcilePurchase(credentials, before, 10_000)).resolves.toMatchObject({
      outcome: 'confirmed',
      status: { balanceMils: 130_500, controlRegisterMils: null },
    });
  });
});
