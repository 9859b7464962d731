import { describe, expect, it } from 'vitest';
import { createKeyedMutex } from '../../src/lib/keyed-mutex.ts';

describe('keyed lock', () => {
  it('runs holders of one key in order and other keys independently', async () => {
    const lock = createKeyedMutex();
    const order: string[] = [];
    const releaseA1 = await lock.acquire('a');
    const a2 = lock.acquire('a').then((release) => {
      order.push('a2');
      return release;
    });
    const releaseB = await lock.acquire('b');
    order.push('b');
    await Promise.resolve();
    expect(order).toEqual(['b']);
    releaseA1();
    (await a2)();
    releaseB();
    expect(order).toEqual(['b', 'a2']);
    await lock.idle();
  });

  it('idle waits for every holder', async () => {
    const lock = createKeyedMutex();
    const release = await lock.acquire('a');
    let idle = false;
    const waiting = lock.idle().then(() => {
      idle = true;
    });
    await Promise.resolve();
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(idle).toBe(true);
  });
});

describe('keyed mutex run()', () => {
  it('serializes work per key, lets a failure pass, and keeps other keys independent', async () => {
    const mutex = createKeyedMutex();
    const order: string[] = [];
    let releaseFirst: () => void = () => {};
    const first = mutex.run(
      'k',
      () =>
        new Promise<void>((resolve) => {
          releaseFirst = () => {
            order.push('first');
            resolve();
          };
        }),
    );
    const failing = mutex.run('k', async () => {
      order.push('failing');
      throw new Error('boom');
    });
    const third = mutex.run('k', async () => {
      order.push('third');
      return 3;
    });
    await mutex.run('other', async () => {
      order.push('other');
    });
    expect(order).toEqual(['other']);
    releaseFirst();
    await first;
    await expect(failing).rejects.toThrow('boom');
    expect(await third).toBe(3);
    expect(order).toEqual(['other', 'first', 'failing', 'third']);
    await mutex.idle();
  });
});
