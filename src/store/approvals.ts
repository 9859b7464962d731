import { z } from 'zod';
import { createKeyedMutex } from '../lib/keyed-mutex.ts';
import type { EncryptedRecords } from './encrypted-records.ts';
import { StoreError } from './errors.ts';
import { ApprovalRequestSchema, checked } from './schemas.ts';
import { createSortedIndex } from './sorted-index.ts';
import type { ApprovalRequest, ApprovalStore } from './types.ts';

const SecretSchema = z.object({ passPhrase: z.string() });
const ALL_PENDING = ['pending'];

/**
 * Approval requests at `approval:<id>`, the requester's pass phrase sealed apart at
 * `approval-secret:<id>` (bound to that address) and deleted with the decision. `decide` is a
 * compare-and-set per process (a keyed mutex); the SQL table makes it one across instances.
 */
export function createApprovalStore(records: EncryptedRecords): ApprovalStore {
  const index = createSortedIndex(records, 'approval-index', Number.POSITIVE_INFINITY);
  const perRequest = createKeyedMutex();
  const get = (requestId: string) => records.get('approval', [requestId], ApprovalRequestSchema);
  const load = async (refs: string[][]) =>
    (await Promise.all(refs.map(([id = '']) => get(id)))).filter(
      (r): r is ApprovalRequest => r !== undefined && r.state === 'pending',
    );
  const oldestFirst = (list: ApprovalRequest[]) =>
    list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  return {
    create: (request, passPhrase) =>
      perRequest.run(request.requestId, async () => {
        const value = checked(ApprovalRequestSchema, request, 'approval request');
        if (await records.exists('approval', [request.requestId]))
          throw new StoreError('STORE_BAD_VALUE', 'that approval request exists already');
        await records.set('approval-secret', [request.requestId], { passPhrase });
        await index.add(ALL_PENDING, { ref: [request.requestId], at: request.createdAt });
        await records.set('approval', [request.requestId], value);
      }),
    get,
    setMessage: (requestId, messageTs) =>
      perRequest.run(requestId, async () => {
        const current = await get(requestId);
        if (!current) throw new StoreError('STORE_NOT_FOUND', 'no approval request with that id');
        await records.set('approval', [requestId], { ...current, messageTs });
      }),
    decide: (requestId, decision) =>
      perRequest.run(requestId, async () => {
        const current = await get(requestId);
        if (current?.state !== 'pending') return undefined;
        const secret = await records.get('approval-secret', [requestId], SecretSchema);
        const request: ApprovalRequest = {
          ...current,
          state: decision.state,
          decidedBy: decision.decidedBy,
          reason: decision.reason,
          decidedAt: decision.at,
        };
        await records.set(
          'approval',
          [requestId],
          checked(ApprovalRequestSchema, request, 'approval decision'),
        );
        await records.delete('approval-secret', [requestId]);
        await index.remove(ALL_PENDING, [requestId]);
        return { request, passPhrase: secret?.passPhrase ?? null };
      }),
    listPending: async (teamId) =>
      oldestFirst(
        (await load((await index.read(ALL_PENDING)).map((e) => e.ref))).filter((r) => r.teamId === teamId),
      ),
    listExpired: async (at) =>
      oldestFirst(
        (await load((await index.read(ALL_PENDING)).map((e) => e.ref))).filter((r) => r.expiresAt <= at),
      ),
  };
}
