import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import {
  type BuyPostageInput,
  type BuyPostageOutput,
  createWizardRunner,
  type SnapshotPort,
  stateOf,
  turnLeases,
  type WizardRunner,
} from '../../src/machine/index.ts';
import { type LeaseStore, openStore, type Store } from '../../src/store/index.ts';
import { deferred } from '../helpers/fake-actors.ts';
import { AFTER_BUY, type Fakes, fakes, login, provided, review, wizardInput } from './fixtures.ts';

// Two instances = two runners (each its own process state: mutex, live map, machine) over one session
// store and one lease table, as two app instances over one database.
const SESSION = 'sess-1';
const TTL = 3_600_000;

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function leaseTable(): Promise<LeaseStore> {
  const store = await openStore({ url: 'memory://', logger: silentLogger });
  stores.push(store);
  return store.leases;
}

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
  leases: LeaseStore,
  leaseTtlMs = 30_000,
): WizardRunner {
  return createWizardRunner({
    machine: provided(f),
    port,
    ttlMs: TTL,
    settleTimeoutMs: 60_000,
    lock: turnLeases(leases, { owner, ttlMs: leaseTtlMs, waitMs: 60_000 }),
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
    const leases = await leaseTable();
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
    const leases = await leaseTable();
    // A's process is killed mid-call: from then on it neither renews nor writes anything.
    let dead = false;
    const leasesOfA: LeaseStore = {
      ...leases,
      acquire: (name, owner, ttlMs) => (dead ? Promise.resolve(false) : leases.acquire(name, owner, ttlMs)),
    };
    const port = sharedPort();
    const buyA = deferred<BuyPostageOutput, BuyPostageInput>();
    const buyB = deferred<BuyPostageOutput, BuyPostageInput>();
    const a = instance('A', fakes({ buyPostage: buyA }), port, leasesOfA, 300);
    const b = instance('B', fakes({ buyPostage: buyB }), port, leases, 300);
    await a.start(wizardInput());
    await settledAt(a, login(), review());
    await a.send(SESSION, { type: 'CONFIRM' });
    const busy = await b.peek(SESSION);
    expect(busy && stateOf(busy)).toBe('purchasing');

    dead = true;
    const deadline = Date.now() + 10_000;
    while ((await leases.holder(`turn:${SESSION}`)) !== undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await b.peek(SESSION)).toBeUndefined();
    expect(await b.send(SESSION, { type: 'CONFIRM' })).toEqual({ missing: true });
    expect(buyB.calls).toHaveLength(0);
  });
});
