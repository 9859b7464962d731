import { describe, expect, it } from 'vitest';
import { createKeyedLock } from '../../src/machine/keyed-lock.ts';

describe('keyed lock', () => {
  it('runs holders of one key in order and other keys independently', async () => {
    const lock = createKeyedLock();
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
    const lock = createKeyedLock();
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
