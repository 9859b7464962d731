import { describe, expect, it } from 'vitest';
import {
  type BuyPostageInput,
  type BuyPostageOutput,
  createWizardRunner,
  type SnapshotPort,
  stateOf,
  turnLeases,
  type WizardRunner,
} from '../../src/machine/index.ts';
import { createMemoryLeases } from '../../src/store/memory-coordination.ts';
import { deferred } from '../helpers/fake-actors.ts';
import { AFTER_BUY, type Fakes, fakes, login, provided, review, wizardInput } from './fixtures.ts';

// Two instances = two runners (each its own process state: mutex, live map, machine) over one session
// store and one lease table, as two app instances over one database.
const SESSION = 'sess-1';
const TTL = 3_600_000;

function sharedPort(): SnapshotPort & { records: Map<string, unknown> } {
  const records = new Map<string, unknown>();
  return {
    records,
    load: async (id) => structuredClone(records.get(id)),
    save: async (id, persisted) => {
      records.set(id, structuredClone(persisted));
    },
    delete: async (id) => {
      records.delete(id);
    },
  };
}

function instance(
  owner: string,
  f: Fakes,
  port: SnapshotPort,
  leases: ReturnType<typeof createMemoryLeases>,
): WizardRunner {
  return createWizardRunner({
    machine: provided(f),
    port,
    ttlMs: TTL,
    settleTimeoutMs: 60_000,
    lock: turnLeases(leases, { owner, ttlMs: 30_000, waitMs: 60_000 }),
  });
}

const bought: BuyPostageOutput = {
  transactionId: '1',
  balanceAfterMils: AFTER_BUY.balanceMils,
  message: null,
  status: AFTER_BUY,
};

async function settledAt(runner: WizardRunner, ...events: Parameters<WizardRunner['send']>[1][]) {
  for (const event of events) {
    const result = await runner.send(SESSION, event);
    if ('missing' in result) throw new Error('missing');
    await result.settled;
  }
}

describe('one wizard turn at a time per session across instances', () => {
  it('a Confirm at B while A buys: B shows the working page, then lands on A’s result; one purchase', async () => {
    const port = sharedPort();
    const leases = createMemoryLeases(() => new Date());
    const buyA = deferred<BuyPostageOutput, BuyPostageInput>();
    const buyB = deferred<BuyPostageOutput, BuyPostageInput>();
    const a = instance('A', fakes({ buyPostage: buyA }), port, leases);
    const b = instance('B', fakes({ buyPostage: buyB }), port, leases);
    await a.start(wizardInput());
    await settledAt(a, login(), review());

    const first = await a.send(SESSION, { type: 'CONFIRM' });
    if ('missing' in first) throw new Error('missing');
    // At B the session is neither missing nor expired: it is A's working page.
    const peeked = await b.peek(SESSION);
    expect(peeked && stateOf(peeked)).toBe('purchasing');

    const second = b.send(SESSION, { type: 'CONFIRM' });
    let secondDone = false;
    void second.then(() => {
      secondDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(secondDone).toBe(false);
    buyA.resolve(bought);
    expect(stateOf(await first.settled)).toBe('done');
    const late = await second;
    if ('missing' in late) throw new Error('missing');
    expect(stateOf(late.immediate)).toBe('done');
    expect(buyA.calls.length + buyB.calls.length).toBe(1);
    expect(await leases.holder(`turn:${SESSION}`)).toBeUndefined();
  });

  it('an instance that died mid-turn leaves a dead session: expired elsewhere once its lease lapses', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const leases = createMemoryLeases(() => new Date(clock));
    const port = sharedPort();
    const buyA = deferred<BuyPostageOutput, BuyPostageInput>();
    const buyB = deferred<BuyPostageOutput, BuyPostageInput>();
    const a = instance('A', fakes({ buyPostage: buyA }), port, leases);
    const b = instance('B', fakes({ buyPostage: buyB }), port, leases);
    await a.start(wizardInput());
    await settledAt(a, login(), review());
    await a.send(SESSION, { type: 'CONFIRM' });
    expect(stateOf((await b.peek(SESSION)) ?? ({} as never))).toBe('purchasing');

    // A stops renewing (killed): after the TTL nobody holds the turn.
    clock += 31_000;
    expect(await b.peek(SESSION)).toBeUndefined();
    expect(await b.send(SESSION, { type: 'CONFIRM' })).toEqual({ missing: true });
    expect(buyB.calls).toHaveLength(0);
  });
});
