import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../src/lib/logger.ts';
import { openStore } from '../src/store/index.ts';
import { microFigures } from './stats.ts';

/** Per-operation latency in microseconds. */
export interface LatencyFigures {
  medianUs: number;
  p99Us: number;
}

export interface StoreBenchResult {
  set: LatencyFigures;
  get: LatencyFigures;
  /** Bytes on disk after close (database + any WAL/journal left behind). */
  fileBytes: number;
  n: number;
}

/**
 * Remembered credentials on a temporary SQLite file through the whole store (validation,
 * AES-256-GCM, keyv, SQLite in WAL mode): `n` sequential sets, then `n` sequential gets, so each
 * figure is one operation's real latency, not a batch's throughput.
 */
export async function benchStore(options: { n?: number } = {}): Promise<StoreBenchResult> {
  const n = options.n ?? 10_000;
  const dir = await mkdtemp(join(tmpdir(), 'postage-bench-'));
  try {
    const store = await openStore({
      url: `sqlite://${join(dir, 'postage.sqlite')}`,
      encryptionKey: randomBytes(32).toString('base64'),
      logger: silentLogger,
    });
    const users = Array.from({ length: n }, (_, i) => `U${String(i).padStart(8, '0')}`);
    const value = (i: number) => ({
      accountId: String(2_500_000 + i),
      passPhrase: `bench <pass> & "phrase" '${i}'`,
      savedAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
      monitorBlockedAt: null,
    });

    const setTimes: number[] = [];
    for (const [i, user] of users.entries()) {
      const start = performance.now();
      await store.credentials.set('TBENCH', user, value(i));
      setTimes.push(performance.now() - start);
    }
    const getTimes: number[] = [];
    for (const user of users) {
      const start = performance.now();
      const found = await store.credentials.get('TBENCH', user);
      getTimes.push(performance.now() - start);
      if (!found) throw new Error(`bench: ${user} was not read back`);
    }
    await store.close();

    let fileBytes = 0;
    for (const name of await readdir(dir)) {
      if (name.startsWith('postage.sqlite')) fileBytes += (await stat(join(dir, name))).size;
    }
    return { set: microFigures(setTimes), get: microFigures(getTimes), fileBytes, n };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchStore();
  console.table({
    set: { ...result.set },
    get: { ...result.get },
  });
  console.log(`n = ${result.n}; file size after close = ${(result.fileBytes / 1024).toFixed(0)} KiB`);
}
