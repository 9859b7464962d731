import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type BusyWizard,
  type BuyPostageInput,
  type BuyPostageOutput,
  createWizardRunner,
  isBusy,
  type PersistedWizard,
  readBusyMarker,
  SettleTimeoutError,
  type SnapshotPort,
  stateOf,
  type TurnResult,
  type WizardEvent,
  WizardFailedError,
  type WizardSnapshot,
} from '../../src/machine/index.ts';
import { deferred } from '../helpers/fake-actors.ts';
import { AFTER_BUY, type Fakes, fakes, login, provided, review, wizardInput } from './fixtures.ts';

const SESSION = 'sess-1';
const TTL = 3_600_000;

/** A Map-backed port that logs every write as "save <state>" / "delete". */
function memoryPort() {
  const records = new Map<string, unknown>();
  const log: string[] = [];
  const port: SnapshotPort = {
    async load(sessionId) {
      return records.get(sessionId);
    },
    async save(sessionId, persisted: PersistedWizard | BusyWizard, ttlMs) {
      const value = 'busy' in persisted ? 'busy' : (persisted.snapshot as { value: string }).value;
      log.push(`save ${value} ${ttlMs === TTL ? 'ttl' : 'bad-ttl'}`);
      records.set(sessionId, JSON.parse(JSON.stringify(persisted)));
    },
    async delete(sessionId) {
      log.push('delete');
      records.delete(sessionId);
    },
  };
  const storedState = () =>
    (records.get(SESSION) as { snapshot?: { value: string } } | undefined)?.snapshot?.value;
  return { port, records, log, storedState };
}

function runnerWith(f: Fakes, port: SnapshotPort, settleTimeoutMs = 60_000) {
  return createWizardRunner({ machine: provided(f), port, ttlMs: TTL, settleTimeoutMs });
}

function turn(result: TurnResult | { missing: true }): TurnResult {
  if ('missing' in result) throw new Error('session unexpectedly missing');
  return result;
}

async function sendAll(
  runner: ReturnType<typeof runnerWith>,
  ...events: WizardEvent[]
): Promise<WizardSnapshot> {
  let last: WizardSnapshot | undefined;
  for (const event of events) last = await turn(await runner.send(SESSION, event)).settled;
  if (last === undefined) throw new Error('no events');
  return last;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('runner', () => {
  it('start persists the first page', async () => {
    const { port, log, storedState } = memoryPort();
    const snapshot = await runnerWith(fakes(), port).start(wizardInput());
    expect(stateOf(snapshot)).toBe('account');
    expect(log).toEqual(['save account ttl']);
    expect(storedState()).toBe('account');
  });

  it('a busy turn answers at once, stores nothing while busy, and persists what it settles on', async () => {
    const buy = deferred<BuyPostageOutput, BuyPostageInput>();
    const { port, log, storedState } = memoryPort();
    const runner = runnerWith(fakes({ buyPostage: buy }), port);
    await runner.start(wizardInput());
    await sendAll(runner, login(), review());

    const result = turn(await runner.send(SESSION, { type: 'CONFIRM' }));
    expect(stateOf(result.immediate)).toBe('purchasing');
    expect(isBusy(result.immediate)).toBe(true);
    expect(storedState()).toBeUndefined();
    const peeked = await runner.peek(SESSION);
    expect(peeked && stateOf(peeked)).toBe('purchasing');

    buy.resolve({
      transactionId: '1',
      balanceAfterMils: AFTER_BUY.balanceMils,
      message: null,
      status: AFTER_BUY,
    });
    expect(stateOf(await result.settled)).toBe('done');
    expect(storedState()).toBe('done');
    expect(log).toEqual([
      'save account ttl',
      'save busy ttl', // LOGIN starts a call: the stored page becomes a marker first
      'save details ttl',
      'save confirming ttl',
      'save busy ttl', // so does CONFIRM
      'save done ttl',
    ]);
  });

  it('serializes a session: two concurrent CONFIRMs buy once, the second lands on the done page', async () => {
    const buy = deferred<BuyPostageOutput, BuyPostageInput>();
    const { port } = memoryPort();
    const runner = runnerWith(fakes({ buyPostage: buy }), port);
    await runner.start(wizardInput());
    await sendAll(runner, login(), review());

    const first = runner.send(SESSION, { type: 'CONFIRM' });
    const second = runner.send(SESSION, { type: 'CONFIRM' });
    const firstTurn = turn(await first);
    let secondDone = false;
    void second.then(() => {
      secondDone = true;
    });
    await expect.poll(() => buy.calls.length).toBe(1);
    expect(secondDone).toBe(false);

    buy.resolve({
      transactionId: '1',
      balanceAfterMils: AFTER_BUY.balanceMils,
      message: null,
      status: AFTER_BUY,
    });
    await firstTurn.settled;
    const secondTurn = turn(await second);
    expect(stateOf(secondTurn.immediate)).toBe('done');
    expect(buy.calls).toHaveLength(1);
  });

  it('while the stored page is being replaced for a call, peek still sees the session', async () => {
    const buy = deferred<BuyPostageOutput, BuyPostageInput>();
    const memory = memoryPort();
    let releaseDelete: () => void = () => {};
    let deleting = false;
    let slow = false;
    let deleted = Promise.resolve();
    // Like SQLite, one connection: a load issued during the write is answered after it.
    const slowPort: SnapshotPort = {
      ...memory.port,
      async load(sessionId) {
        await deleted;
        return memory.port.load(sessionId);
      },
      async save(sessionId, persisted, ttlMs) {
        if (!slow || !('busy' in persisted)) return memory.port.save(sessionId, persisted, ttlMs);
        deleting = true;
        deleted = new Promise<void>((resolve) => {
          releaseDelete = resolve;
        }).then(() => memory.port.save(sessionId, persisted, ttlMs));
        await deleted;
      },
    };
    const runner = runnerWith(fakes({ buyPostage: buy }), slowPort);
    await runner.start(wizardInput());
    await sendAll(runner, login(), review());

    slow = true;
    const confirming = runner.send(SESSION, { type: 'CONFIRM' });
    await expect.poll(() => deleting).toBe(true);
    expect(memory.records.has(SESSION)).toBe(true);
    // The delete is in flight: a second click's peek must not find the session missing.
    const peeked = runner.peek(SESSION);
    releaseDelete();
    expect(await peeked).toBeDefined();
    const result = turn(await confirming);
    expect(stateOf((await runner.peek(SESSION)) ?? result.immediate)).toBe('purchasing');
    buy.resolve({
      transactionId: '1',
      balanceAfterMils: AFTER_BUY.balanceMils,
      message: null,
      status: AFTER_BUY,
    });
    expect(stateOf(await result.settled)).toBe('done');
  });

  it('deletes a closed session; later events find it missing', async () => {
    const { port, records } = memoryPort();
    const runner = runnerWith(fakes(), port);
    await runner.start(wizardInput());
    const closed = await sendAll(runner, { type: 'CANCEL' });
    expect(stateOf(closed)).toBe('closed');
    expect(records.size).toBe(0);
    expect(await runner.send(SESSION, login())).toEqual({ missing: true });
    expect(await runner.peek(SESSION)).toBeUndefined();
  });

  it('a restarted runner on the same port continues the session', async () => {
    const { port } = memoryPort();
    await runnerWith(fakes(), port).start(wizardInput());
    await sendAll(runnerWith(fakes(), port), login());

    const after = fakes();
    const restarted = runnerWith(after, port);
    const peeked = await restarted.peek(SESSION);
    expect(peeked && stateOf(peeked)).toBe('details');
    expect(stateOf(await sendAll(restarted, review(), { type: 'CONFIRM' }))).toBe('done');
    expect(after.buyPostage.calls).toHaveLength(1);
  });

  it('a crash mid-purchase leaves no page whose Confirm could buy again', async () => {
    const buy = deferred<BuyPostageOutput, BuyPostageInput>();
    const { port } = memoryPort();
    const before = runnerWith(fakes({ buyPostage: buy }), port);
    await before.start(wizardInput());
    await sendAll(before, login(), review());
    const inFlight = turn(await before.send(SESSION, { type: 'CONFIRM' }));

    const after = fakes();
    const restarted = runnerWith(after, port);
    expect(await restarted.send(SESSION, { type: 'CONFIRM' })).toEqual({ missing: true });
    expect(after.buyPostage.calls).toHaveLength(0);

    buy.resolve({
      transactionId: '1',
      balanceAfterMils: AFTER_BUY.balanceMils,
      message: null,
      status: AFTER_BUY,
    });
    expect(stateOf(await inFlight.settled)).toBe('done');
  });

  it('drain waits for an in-flight purchase', async () => {
    const buy = deferred<BuyPostageOutput, BuyPostageInput>();
    const { port, storedState } = memoryPort();
    const runner = runnerWith(fakes({ buyPostage: buy }), port);
    await runner.start(wizardInput());
    await sendAll(runner, login(), review());
    await runner.send(SESSION, { type: 'CONFIRM' });

    let drained = false;
    const draining = runner.drain().then(() => {
      drained = true;
    });
    await expect.poll(() => buy.calls.length).toBe(1);
    expect(drained).toBe(false);
    buy.resolve({
      transactionId: '1',
      balanceAfterMils: AFTER_BUY.balanceMils,
      message: null,
      status: AFTER_BUY,
    });
    await draining;
    expect(storedState()).toBe('done');
  });

  it('a turn that does not settle in time rejects settled but keeps the purchase running', async () => {
    vi.useFakeTimers();
    const buy = deferred<BuyPostageOutput, BuyPostageInput>();
    const { port, storedState } = memoryPort();
    const runner = runnerWith(fakes({ buyPostage: buy }), port, 1_000);
    await runner.start(wizardInput());
    await sendAll(runner, login(), review());
    const result = turn(await runner.send(SESSION, { type: 'CONFIRM' }));

    const outcome = result.settled.then(
      () => 'settled',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(SettleTimeoutError);
    expect((error as SettleTimeoutError).code).toBe('WIZARD_SETTLE_TIMEOUT');
    expect(buy.signals[0]?.aborted).toBe(false);

    buy.resolve({
      transactionId: '1',
      balanceAfterMils: AFTER_BUY.balanceMils,
      message: null,
      status: AFTER_BUY,
    });
    await runner.drain();
    expect(storedState()).toBe('done');
  });

  it('a machine that breaks discards the session with WizardFailedError', async () => {
    const { port, records } = memoryPort();
    const runner = runnerWith(fakes(), port);
    await runner.start(wizardInput());
    await sendAll(runner, login(), review());
    // A confirmation without its purchase cannot happen through events; simulate a damaged record.
    const record = records.get(SESSION) as { snapshot: { context: { purchase: unknown } } };
    record.snapshot.context.purchase = null;

    await expect(runner.send(SESSION, { type: 'CONFIRM' })).rejects.toBeInstanceOf(WizardFailedError);
    expect(records.size).toBe(0);
  });

  it('a failing port rejects the turn and frees the session', async () => {
    const { port } = memoryPort();
    let failSaves = false;
    // The busy marker is written; the settled page is not.
    const flaky: SnapshotPort = {
      ...port,
      save: (id, persisted, ttl) =>
        failSaves && !('busy' in persisted)
          ? Promise.reject(new Error('disk full'))
          : port.save(id, persisted, ttl),
    };
    const runner = runnerWith(fakes(), flaky);
    await runner.start(wizardInput());
    failSaves = true;
    const result = turn(await runner.send(SESSION, login()));
    await expect(result.settled).rejects.toThrow('disk full');
    failSaves = false;
    // The lock was released (else this would hang): the page was replaced before the call, so it is gone.
    expect(await runner.send(SESSION, login())).toEqual({ missing: true });
  });

  it('a rejected settled that nobody handles never becomes an unhandled rejection', async () => {
    const { port, records } = memoryPort();
    let failSaves = false;
    // The busy marker is written; the settled page is not.
    const flaky: SnapshotPort = {
      ...port,
      save: (id, persisted, ttl) =>
        failSaves && !('busy' in persisted)
          ? Promise.reject(new Error('disk full'))
          : port.save(id, persisted, ttl),
    };
    const runner = runnerWith(fakes(), flaky);
    await runner.start(wizardInput());
    failSaves = true;
    await runner.send(SESSION, login()); // `settled` dropped on purpose
    await runner.drain();
    // Node reports unhandled rejections once the microtask queue drains; give it that chance.
    await new Promise((resolve) => setImmediate(resolve));
    expect(readBusyMarker(records.get(SESSION))).toBeDefined();
    expect(await runner.peek(SESSION)).toBeUndefined();
  });

  it('reports a missing session', async () => {
    const { port } = memoryPort();
    expect(await runnerWith(fakes(), port).send('nope', login())).toEqual({ missing: true });
  });
});
