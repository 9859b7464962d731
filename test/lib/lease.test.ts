import { afterEach, describe, expect, it } from 'vitest';
import { LeaseWaitError, takeLease, waitForLease } from '../../src/lib/lease.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function leases() {
  const store = await openStore({ url: 'memory://', logger: silentLogger });
  stores.push(store);
  return store.leases;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('takeLease', () => {
  it('waits with backoff while another holds it, then has it', async () => {
    const table = await leases();
    const first = await takeLease(table, 'turn:s', 'A', { ttlMs: 5_000, waitMs: 0 });
    expect(first).not.toBeNull();
    const second = takeLease(table, 'turn:s', 'B', { ttlMs: 5_000, waitMs: 5_000 });
    await sleep(100);
    expect((await table.holder('turn:s'))?.owner).toBe('A');
    await first?.release();
    const held = await second;
    expect(held).not.toBeNull();
    expect((await table.holder('turn:s'))?.owner).toBe('B');
    await held?.release();
    expect(await table.holder('turn:s')).toBeUndefined();
  });

  it('gives up after waitMs (null, or LeaseWaitError from waitForLease)', async () => {
    const table = await leases();
    await table.acquire('account:T:1', 'A', 60_000);
    expect(await takeLease(table, 'account:T:1', 'B', { ttlMs: 1_000, waitMs: 50 })).toBeNull();
    await expect(
      waitForLease(table, 'account:T:1', 'B', { ttlMs: 1_000, waitMs: 50 }),
    ).rejects.toBeInstanceOf(LeaseWaitError);
  });

  it('is renewed while held, so work longer than the TTL keeps it; abandoned, it lapses', async () => {
    const table = await leases();
    const held = await takeLease(table, 'turn:long', 'A', { ttlMs: 300, waitMs: 0 });
    await sleep(700);
    expect((await table.holder('turn:long'))?.owner).toBe('A');
    held?.abandon();
    await sleep(500);
    expect(await table.holder('turn:long')).toBeUndefined();
  });

  it('tells onLost when another instance took it meanwhile', async () => {
    const table = await leases();
    let lost = false;
    const held = await takeLease(table, 'turn:x', 'A', {
      ttlMs: 300,
      waitMs: 0,
      onLost: () => {
        lost = true;
      },
    });
    await table.release('turn:x', 'A');
    await table.acquire('turn:x', 'B', 60_000);
    await sleep(250);
    expect(lost).toBe(true);
    held?.abandon();
  });
});
