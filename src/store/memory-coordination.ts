import type { BalanceReadingStore, Lease, LeaseStore, OnceStore, StoredBalanceReading } from './types.ts';

/**
 * Leases, once-marks and balance readings held in this process only. Correct for one process (the
 * in-memory store, and a single SQLite instance until these become tables); never for several.
 */
export function createMemoryLeases(now: () => Date): LeaseStore {
  const held = new Map<string, Lease>();
  const live = (name: string): Lease | undefined => {
    const lease = held.get(name);
    if (lease === undefined || Date.parse(lease.expiresAt) <= now().getTime()) return undefined;
    return lease;
  };
  return {
    async acquire(name, owner, ttlMs) {
      const current = live(name);
      if (current !== undefined && current.owner !== owner) return false;
      held.set(name, { name, owner, expiresAt: new Date(now().getTime() + ttlMs).toISOString() });
      return true;
    },
    async release(name, owner) {
      if (held.get(name)?.owner === owner) held.delete(name);
    },
    holder: async (name) => live(name),
  };
}

export function createMemoryOnce(now: () => Date): OnceStore {
  const until = new Map<string, number>();
  return {
    async claim(key, ttlMs) {
      const at = now().getTime();
      const expires = until.get(key);
      if (expires !== undefined && expires > at) return false;
      until.set(key, at + ttlMs);
      return true;
    },
  };
}

export function createMemoryBalanceReadings(): BalanceReadingStore {
  const readings: StoredBalanceReading[] = [];
  return {
    async add(reading) {
      readings.push({ ...reading });
    },
    listSince: async (teamId, accountId, since) =>
      readings
        .filter((r) => r.teamId === teamId && r.accountId === accountId && r.readAt >= since)
        .sort((a, b) => a.readAt.localeCompare(b.readAt))
        .map((r) => ({ ...r })),
  };
}
