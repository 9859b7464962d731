import { describe, expect, it } from 'vitest';
import { benchStore } from '../../bench/store.ts';

describe('benchStore', () => {
  it('reports per-operation figures and the file size for a small run', async () => {
    const result = await benchStore({ n: 50 });
    expect(result.n).toBe(50);
    for (const op of [result.set, result.get]) {
      expect(op.medianUs).toBeGreaterThan(0);
      expect(op.p99Us).toBeGreaterThanOrEqual(op.medianUs);
    }
    // Fifty sealed records cannot fit in SQLite's first page.
    expect(result.fileBytes).toBeGreaterThan(4096);
  });
});
