import { afterEach, describe, expect, it } from 'vitest';
import { type ClaimWatch, createClaimWatch } from '../../src/actors/index.ts';
import type { PurchaseRecord, RecoveredPurchase } from '../../src/store/index.ts';
import { MAIN, mainCredentials, TEAM, USER } from './fixtures.ts';
import { type Harness, rememberedAs, startHarness } from './harness.ts';

// Three instances = three claim watches over one store (their leases and once-marks) and one Endicia.
const watches: ClaimWatch[] = [];
afterEach(async () => {
  await Promise.all(watches.splice(0).map((watch) => watch.stop(true)));
});

function claim(h: Harness, requestId: string, ownerInstance: string | null, ageMs = 0): PurchaseRecord {
  const at = new Date(h.clock.now.getTime() - ageMs).toISOString();
  return {
    requestId,
    teamId: TEAM,
    userId: USER,
    accountId: MAIN,
    amountMils: 25_000,
    balanceBeforeMils: 120_500,
    balanceAfterMils: null,
    transactionId: null,
    message: null,
    state: 'pending',
    channelId: 'C0POSTAGE',
    ownerInstance,
    createdAt: at,
    updatedAt: at,
  };
}

function instances(h: Harness, ids: readonly string[]) {
  const told: RecoveredPurchase[] = [];
  const all = ids.map((instanceId) => {
    const watch = createClaimWatch(
      { ...h.deps, instanceId },
      {
        leases: h.store.leases,
        once: h.store.once,
        instanceId,
        unownedAfterMs: 60_000,
        announce: async (recovered) => {
          told.push(...recovered);
        },
      },
    );
    watches.push(watch);
    return watch;
  });
  return { all, told };
}

describe('interrupted purchases across instances', () => {
  it('a dead owner’s claim is settled by exactly one instance, never bought, its buyer told once', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    const [, , ...rest] = ['dead', 'alive', 'A', 'B', 'C'];
    const { all, told } = instances(h, rest);
    for (const watch of all) await watch.start([]);
    await h.store.leases.acquire('instance:alive', 'alive', 2_000);
    await h.store.purchases.begin(claim(h, 'of-the-dead', 'dead'));
    await h.store.purchases.begin(claim(h, 'of-the-living', 'alive'));
    const buys = h.count('BuyPostage');

    const settled = await Promise.all(all.map((watch) => watch.scan()));
    expect(settled.reduce((a, b) => a + b, 0)).toBe(1);
    expect(told.map((item) => item.record.requestId)).toEqual(['of-the-dead']);
    expect((await h.store.purchases.get('of-the-dead'))?.state).toBe('unconfirmed');
    expect((await h.store.purchases.get('of-the-living'))?.state).toBe('pending');
    // At most one read (none here: the later claim on the account makes the balance ambiguous).
    expect(h.count('GetAccountStatus')).toBeLessThanOrEqual(1);
    expect(h.count('BuyPostage')).toBe(buys);

    // The live owner stops renewing (killed): after its TTL, one instance settles its claim too. (The
    // store's clock or the real one, whichever its leases follow.)
    h.clock.now = new Date(h.clock.now.getTime() + 31_000);
    const deadline = Date.now() + 10_000;
    while ((await h.store.leases.holder('instance:alive')) !== undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(all.map((watch) => watch.scan()));
    expect(told.map((item) => item.record.requestId)).toEqual(['of-the-dead', 'of-the-living']);
    await Promise.all(all.map((watch) => watch.scan()));
    expect(told).toHaveLength(2);
  });

  it('at start-up an instance’s own earlier claims are interrupted; later they are its own purchases in flight', async () => {
    const h = await startHarness();
    await h.store.purchases.begin(claim(h, 'before-restart', 'A'));
    const { all, told } = instances(h, ['A']);
    const [a] = all;
    await a?.start(await h.store.purchases.listPending());
    await a?.scan(); // waits for the start-up pass
    expect(told.map((item) => item.record.requestId)).toEqual(['before-restart']);

    await h.store.purchases.begin(claim(h, 'in-flight', 'A'));
    expect(await a?.scan()).toBe(0);
    expect((await h.store.purchases.get('in-flight'))?.state).toBe('pending');
  });

  it('an unowned claim (older release) waits until no turn could still be running it', async () => {
    const h = await startHarness();
    await h.store.purchases.begin(claim(h, 'young', null, 1_000));
    await h.store.purchases.begin(claim(h, 'old', null, 61_000));
    const { all, told } = instances(h, ['A', 'B']);
    for (const watch of all) await watch.start([]);
    await Promise.all(all.map((watch) => watch.scan()));
    expect(told.map((item) => item.record.requestId)).toEqual(['old']);
    expect((await h.store.purchases.get('young'))?.state).toBe('pending');
  });
});
