import { describe, expect, it } from 'vitest';
import { SimulatorFaultError } from '../../../src/endicia/simulator/errors.ts';
import { createFaultQueue } from '../../../src/endicia/simulator/faults.ts';

describe('fault queue', () => {
  it('serves a fault once by default, first injected first', () => {
    const queue = createFaultQueue();
    queue.add({ kind: 'reset' });
    queue.add({ kind: 'html' });
    expect(queue.take('BuyPostage')?.kind).toBe('reset');
    expect(queue.take('BuyPostage')?.kind).toBe('html');
    expect(queue.take('BuyPostage')).toBeUndefined();
  });

  it('skips faults for other operations without consuming them', () => {
    const queue = createFaultQueue();
    queue.add({ kind: 'hang', op: 'BuyPostage' });
    expect(queue.take('GetAccountStatus')).toBeUndefined();
    expect(queue.take('BuyPostage')?.kind).toBe('hang');
  });

  it('honours times, Infinity until cleared', () => {
    const queue = createFaultQueue();
    queue.add({ kind: 'http-500', times: 2 });
    expect(
      [queue.take('GetAccountStatus'), queue.take('GetAccountStatus'), queue.take('GetAccountStatus')].map(
        (f) => f?.kind,
      ),
    ).toEqual(['http-500', 'http-500', undefined]);
    queue.add({ kind: 'html', times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 50; i += 1) expect(queue.take('ChangePassPhrase')?.kind).toBe('html');
    queue.clear();
    expect(queue.take('ChangePassPhrase')).toBeUndefined();
  });

  it.each([
    [{ kind: 'status' as const }],
    [{ kind: 'latency' as const }],
    [{ kind: 'reset' as const, times: 0 }],
  ])('refuses an unusable fault %j', (fault) => {
    expect(() => createFaultQueue().add(fault)).toThrow(SimulatorFaultError);
  });
});
