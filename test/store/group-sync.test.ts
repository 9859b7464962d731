import { describe, expect, it } from 'vitest';
import { createGroupSync } from '../../src/store/sql/group-sync.ts';

/** A sync whose calls are counted and finished by hand. */
function manualSync() {
  const calls: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const syncOnce = () =>
    new Promise<void>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { calls, syncOnce };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group sync (group commit of the journal)', () => {
  it('callers in one turn of the event loop share one sync, and none resolves before it finished', async () => {
    const { calls, syncOnce } = manualSync();
    const sync = createGroupSync(syncOnce);
    const done: number[] = [];
    const waiting = Array.from({ length: 50 }, (_, i) => sync().then(() => done.push(i)));
    await tick();
    await tick();
    expect(calls).toHaveLength(1);
    expect(done).toEqual([]);
    calls[0]?.resolve();
    await Promise.all(waiting);
    expect(done).toHaveLength(50);
    expect(calls).toHaveLength(1);
  });

  it('a caller arriving while a sync runs waits for the next one (its commit may be later than the sync)', async () => {
    const { calls, syncOnce } = manualSync();
    const sync = createGroupSync(syncOnce);
    const first = sync();
    await tick();
    await tick();
    expect(calls).toHaveLength(1);
    let laterDone = false;
    const later = Array.from({ length: 10 }, () => sync().then(() => (laterDone = true)));
    calls[0]?.resolve();
    await first;
    await tick();
    await tick();
    expect(laterDone).toBe(false);
    expect(calls).toHaveLength(2);
    calls[1]?.resolve();
    await Promise.all(later);
    expect(laterDone).toBe(true);
  });

  it('a failed sync rejects every caller of its batch; the next batch syncs again', async () => {
    const { calls, syncOnce } = manualSync();
    const sync = createGroupSync(syncOnce);
    const batch = Array.from({ length: 5 }, () => sync());
    await tick();
    await tick();
    calls[0]?.reject(new Error('EIO'));
    const outcomes = await Promise.allSettled(batch);
    expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('rejected'));
    const next = sync();
    await tick();
    await tick();
    expect(calls).toHaveLength(2);
    calls[1]?.resolve();
    await expect(next).resolves.toBeUndefined();
  });
});
