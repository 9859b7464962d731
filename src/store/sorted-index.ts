import { z } from 'zod';
import { createKeyedMutex } from '../lib/keyed-mutex.ts';
import type { EncryptedRecords, RecordKind } from './encrypted-records.ts';

/** One index entry: the indexed record's id parts and the time it sorts by (ISO 8601 UTC, as `toISOString()`). */
export interface IndexEntry {
  ref: string[];
  at: string;
}

const IndexSchema = z.array(z.object({ ref: z.array(z.string().min(1)).min(1), at: z.string() }));

/**
 * Small index records ("which purchases has this user made"), so lists work on any key-value
 * backend without scans. Each index is one encrypted record, newest first, capped at `limit`
 * entries. Read-modify-write is serialized per index within this process.
 */
export interface SortedIndex {
  read(parts: readonly string[]): Promise<IndexEntry[]>;
  /** Adds `entry` (replacing one with the same ref) in `at` order, then drops the oldest past the cap. */
  add(parts: readonly string[], entry: IndexEntry): Promise<void>;
  remove(parts: readonly string[], ref: readonly string[]): Promise<void>;
}

export function createSortedIndex(records: EncryptedRecords, kind: RecordKind, limit: number): SortedIndex {
  const mutex = createKeyedMutex();
  const read = async (parts: readonly string[]) => (await records.get(kind, parts, IndexSchema)) ?? [];
  const sameRef = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((part, index) => part === b[index]);
  const write = (parts: readonly string[], entries: IndexEntry[]) =>
    entries.length === 0 ? records.delete(kind, parts) : records.set(kind, parts, entries);

  return {
    read,
    add: (parts, entry) =>
      mutex.run(JSON.stringify(parts), async () => {
        const entries = (await read(parts)).filter((item) => !sameRef(item.ref, entry.ref));
        // Before entries with the same time too: of two equal stamps the later insert is the newer.
        const at = entries.findIndex((item) => item.at <= entry.at);
        entries.splice(at === -1 ? entries.length : at, 0, entry);
        await write(parts, entries.slice(0, limit));
      }),
    remove: (parts, ref) =>
      mutex.run(JSON.stringify(parts), async () => {
        const entries = await read(parts);
        const kept = entries.filter((item) => !sameRef(item.ref, ref));
        if (kept.length !== entries.length) await write(parts, kept);
      }),
  };
}
