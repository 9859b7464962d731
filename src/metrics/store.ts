import { PURCHASE_OUTCOMES, type PurchaseOutcome } from '../lib/purchase-outcome.ts';
import type { PurchaseState, PurchaseStore, Store } from '../store/index.ts';
import type { Metrics, StorePart } from './registry.ts';

const PARTS: readonly Exclude<StorePart, 'store'>[] = [
  'credentials',
  'sessions',
  'alerts',
  'purchases',
  'accountGuards',
  'leases',
  'once',
  'balanceReadings',
];

const OUTCOMES: ReadonlySet<string | undefined> = new Set(PURCHASE_OUTCOMES);
const isOutcome = (state: PurchaseState | undefined): state is PurchaseOutcome => OUTCOMES.has(state);

/**
 * The store as the app sees it, counting every failed operation (by part and method name: names from
 * our own code, never from data) and every purchase outcome written to the journal. Everything else,
 * including what later work adds to `Store`, passes through unchanged.
 */
export function instrumentStore(store: Store, metrics: Pick<Metrics, 'storeError' | 'purchase'>): Store {
  const parts = new Map<PropertyKey, unknown>(
    PARTS.map((part) => [part, countFailures(part, store[part], metrics.storeError)]),
  );
  const purchases = countOutcomes(parts.get('purchases') as PurchaseStore, metrics.purchase);
  parts.set('purchases', purchases);
  parts.set('ping', () =>
    store.ping().catch((error: unknown) => {
      metrics.storeError('store', 'ping');
      throw error;
    }),
  );
  return new Proxy(store, {
    get: (target, prop, receiver) =>
      parts.has(prop) ? parts.get(prop) : Reflect.get(target, prop, receiver),
  });
}

function countFailures<T extends object>(
  part: StorePart,
  target: T,
  onError: (part: StorePart, operation: string) => void,
): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        const failed = (error: unknown) => {
          onError(part, prop);
          throw error;
        };
        try {
          const result = value.apply(obj, args);
          return result instanceof Promise ? result.catch(failed) : result;
        } catch (error) {
          return failed(error);
        }
      };
    },
  });
}

function countOutcomes(purchases: PurchaseStore, onOutcome: Metrics['purchase']): PurchaseStore {
  return new Proxy(purchases, {
    get(obj, prop, receiver) {
      if (prop === 'begin')
        return async (...args: Parameters<PurchaseStore['begin']>) => {
          const claim = await obj.begin(...args);
          if (!claim.claimed) onOutcome('replayed');
          return claim;
        };
      if (prop === 'update')
        return async (...args: Parameters<PurchaseStore['update']>) => {
          const record = await obj.update(...args);
          if (isOutcome(args[1].state)) onOutcome(args[1].state);
          return record;
        };
      return Reflect.get(obj, prop, receiver);
    },
  });
}
