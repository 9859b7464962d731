import { createHash } from 'node:crypto';
import { createKeyedMutex } from '../lib/keyed-mutex.ts';
import type { EncryptedRecords } from './encrypted-records.ts';
import { StoreError } from './errors.ts';
import { checked, PurchaseRecordSchema } from './schemas.ts';
import { createSortedIndex } from './sorted-index.ts';
import type { PurchaseRecord, PurchaseStore } from './types.ts';

/** Purchases listed per user and per account; older ones stay readable by request id. */
export const PURCHASE_INDEX_LIMIT = 500;
const DEFAULT_LIMIT = 10;
// The workspace's list (history all, export, the monthly limit's sum) until the SQL table replaces it.
const TEAM_INDEX_LIMIT = 2_000;
// Spending counts every outcome but a definite refusal (an unknown outcome counts as spent).
const SPENT: ReadonlySet<PurchaseRecord['state']> = new Set(['confirmed', 'pending', 'unconfirmed']);

/**
 * Purchase records at `purchase:<requestId>`, indexed per user and per account (newest first).
 *
 * NOTE: `begin` is atomic per process (a keyed mutex around read-then-write). Several instances
 * sharing one store need a backend compare-and-set first (later work, with the shared adapters).
 */
export function createPurchaseStore(
  records: EncryptedRecords,
  now: () => Date,
  /**
   * Where the lists (per user, per account, pending) live. They need not sync every commit themselves:
   * `begin` writes them before the claim, whose synced commit makes them durable too.
   */
  indexRecords: EncryptedRecords = records,
): PurchaseStore {
  const index = createSortedIndex(indexRecords, 'purchase-index', PURCHASE_INDEX_LIMIT);
  const teamIndex = createSortedIndex(indexRecords, 'purchase-index', TEAM_INDEX_LIMIT);
  const byTeam = (teamId: string) => ['team', teamId];
  const perRequest = createKeyedMutex();
  const get = (requestId: string) => records.get('purchase', [requestId], PurchaseRecordSchema);
  const byUser = (r: Pick<PurchaseRecord, 'teamId' | 'userId'>) => ['user', r.teamId, r.userId];
  // Keys are stored in clear, so the account number goes in as a digest (records themselves are sealed).
  const byAccount = (teamId: string, accountId: string) => ['account', teamId, digest(accountId)];
  // Claims whose outcome nobody has written yet: after a crash, these are the purchases to re-check.
  const PENDING = ['pending'];
  // Unconfirmed purchases whose later re-checks are still due: found again at start-up after a restart.
  const UNCONFIRMED = ['unconfirmed'];
  const awaitsRecheck = (r: PurchaseRecord) => r.state === 'unconfirmed' && !r.recheckClosedAt;

  const list = async (parts: string[], limit = DEFAULT_LIMIT, keep: (r: PurchaseRecord) => boolean) => {
    const entries = (await index.read(parts)).slice(0, Math.max(0, Math.floor(limit)));
    const found = await Promise.all(entries.map((entry) => get(entry.ref[0] ?? '')));
    return found.filter((r): r is PurchaseRecord => r !== undefined && keep(r));
  };

  return {
    begin: (claim) =>
      perRequest.run(claim.requestId, async () => {
        const record = checked(PurchaseRecordSchema, claim, 'purchase record');
        const existing = await get(record.requestId);
        if (existing) return { claimed: false, existing };
        if (await records.exists('purchase', [record.requestId])) {
          // An earlier claim we cannot read (tampered, key rotated out): never risk a second purchase.
          throw new StoreError(
            'STORE_UNREADABLE',
            'that request id was claimed before but its record is unreadable',
          );
        }
        // NOTE: lists first, the claim last. The lists may live on a connection that does not sync each
        // commit; the claim's own synced commit then flushes them too (one WAL file), so a power cut during
        // the purchase cannot leave a claim that crash recovery and history do not list. A list entry whose
        // claim never got written is skipped when read.
        const entry = { ref: [record.requestId], at: record.createdAt };
        await index.add(byUser(record), entry);
        await index.add(byAccount(record.teamId, record.accountId), entry);
        await teamIndex.add(byTeam(record.teamId), entry);
        if (record.state === 'pending') await index.add(PENDING, entry);
        await records.set('purchase', [record.requestId], record);
        return { claimed: true };
      }),

    update: (requestId, patch) =>
      perRequest.run(requestId, async () => {
        const current = await get(requestId);
        if (!current) throw new StoreError('STORE_NOT_FOUND', 'no purchase record with that request id');
        const next = checked(
          PurchaseRecordSchema,
          { ...current, ...patch, updatedAt: patch.updatedAt ?? now().toISOString() },
          'purchase update',
        );
        await records.set('purchase', [requestId], next);
        if (current.state === 'pending' && next.state !== 'pending') await index.remove(PENDING, [requestId]);
        if (!awaitsRecheck(current) && awaitsRecheck(next))
          await index.add(UNCONFIRMED, { ref: [requestId], at: next.createdAt });
        if (awaitsRecheck(current) && !awaitsRecheck(next)) await index.remove(UNCONFIRMED, [requestId]);
        if (next.accountId !== current.accountId) {
          const entry = { ref: [requestId], at: next.createdAt };
          await index.add(byAccount(next.teamId, next.accountId), entry);
          await index.remove(byAccount(current.teamId, current.accountId), entry.ref);
        }
        return next;
      }),

    get,
    listByUser: (teamId, userId, limit) =>
      list(byUser({ teamId, userId }), limit, (r) => r.teamId === teamId && r.userId === userId),
    countByUser: async (teamId, userId) => (await index.read(byUser({ teamId, userId }))).length,
    listByAccount: (teamId, accountId, limit) =>
      list(byAccount(teamId, accountId), limit, (r) => r.teamId === teamId && r.accountId === accountId),
    listPending: () => list(PENDING, PURCHASE_INDEX_LIMIT, (r) => r.state === 'pending'),
    listUnconfirmed: () => list(UNCONFIRMED, PURCHASE_INDEX_LIMIT, awaitsRecheck),
    listByTeam: async (teamId, limit = DEFAULT_LIMIT) => {
      const entries = (await teamIndex.read(byTeam(teamId))).slice(0, Math.max(0, Math.floor(limit)));
      const found = await Promise.all(entries.map((entry) => get(entry.ref[0] ?? '')));
      return found.filter((r): r is PurchaseRecord => r !== undefined && r.teamId === teamId);
    },
    async spentSince(teamId, userId, since) {
      const entries = (await teamIndex.read(byTeam(teamId))).filter((entry) => entry.at >= since);
      const found = await Promise.all(entries.map((entry) => get(entry.ref[0] ?? '')));
      let total = 0;
      for (const r of found)
        if (r && r.teamId === teamId && (userId === null || r.userId === userId) && SPENT.has(r.state))
          total += r.amountMils;
      return total;
    },
  };
}

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 22);
