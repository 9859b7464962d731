import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StoreError } from '../errors.ts';
import { toStoreError } from './errors.ts';
import { createGroupSync } from './group-sync.ts';

/** Flushes one file's data to the disk (fdatasync); tests hand in a spy. */
export type SyncFile = (path: string) => Promise<void>;

export const fdatasync: SyncFile = async (path) => {
  const handle = await open(path, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
};

/**
 * The purchase journal's durability on SQLite, off the event loop. better-sqlite3 is synchronous, so a
 * commit under `synchronous=FULL` blocks every request for its fsync (~5 ms here, seconds on a busy disk:
 * the burst bench measured 10 ms of the loop per wizard). Instead the journal commits like every other
 * table (WAL, `synchronous=NORMAL`: written to the WAL file, not yet flushed), then waits for an fdatasync
 * of the WAL file on libuv's thread pool, shared by every commit made before it started (group commit).
 *
 * Why that is as durable as FULL: in WAL mode a commit is frames appended to `<file>-wal` with write();
 * FULL only adds a sync of that file after them. Syncing the same inode from another descriptor flushes
 * the same pages. All connections (the records' too) append to that one WAL, and one that was checkpointed
 * and restarted in between was synced by the checkpoint first (NORMAL syncs the WAL before a checkpoint and
 * the database after it). The WAL's directory is synced once too, as SQLite does for a new WAL.
 *
 * After a failed sync nothing durable is promised again until a restart: the WAL's unflushed frames may be
 * gone while later ones are not, and recovery stops at the first broken frame (PostgreSQL also stops on a
 * failed fsync). Every later journal write rejects with STORE_WRITE_FAILED.
 */
export function walSync(databasePath: string, syncFile: SyncFile = fdatasync): () => Promise<void> {
  let directorySynced = false;
  let failed = false;
  const group = createGroupSync(async () => {
    if (!directorySynced) {
      await syncFile(dirname(databasePath));
      directorySynced = true;
    }
    await syncFile(`${databasePath}-wal`).catch((error: unknown) => {
      // No WAL file: the last connection checkpointed it into the database (synced) and removed it.
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    });
  });
  return async () => {
    if (failed) throw new StoreError('STORE_WRITE_FAILED', 'an earlier sync of the journal failed');
    try {
      await group();
    } catch (error) {
      failed = true;
      throw toStoreError(error, 'STORE_WRITE_FAILED', 'syncing the journal');
    }
  };
}
