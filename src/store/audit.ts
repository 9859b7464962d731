import type { EncryptedRecords } from './encrypted-records.ts';
import { AuditRecordSchema, checked } from './schemas.ts';
import { createSortedIndex } from './sorted-index.ts';
import type { AuditRecord, AuditStore } from './types.ts';

// The newest records per workspace stay listed; the SQL table keeps them all.
const AUDIT_INDEX_LIMIT = 5_000;

/** Audit records at `audit:<id>`, listed per workspace newest first. Index first, record last. */
export function createAuditStore(records: EncryptedRecords): AuditStore {
  const index = createSortedIndex(records, 'audit-index', AUDIT_INDEX_LIMIT);
  return {
    async add(record) {
      const value = checked(AuditRecordSchema, record, 'audit record');
      await index.add([record.teamId], { ref: [record.id], at: record.at });
      await records.set('audit', [record.id], value);
    },
    async list(teamId, limit) {
      const entries = (await index.read([teamId])).slice(0, Math.max(0, Math.floor(limit)));
      const found = await Promise.all(entries.map((e) => records.get('audit', e.ref, AuditRecordSchema)));
      return found.filter((r): r is AuditRecord => r !== undefined && r.teamId === teamId);
    },
  };
}
