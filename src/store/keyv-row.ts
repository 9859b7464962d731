/** keyv's row format: `{"value": …, "expires": …}` (expires in epoch ms, absent or null = never). */
export interface Row {
  value: string;
  expires?: number;
}

/** keyv's key prefix for every record of ours (`postage:credentials:T1:U1`). */
export const NAMESPACE = 'postage';

/**
 * keyv's row format, `{"value": …, "expires": …}`. A row that is not (hand-edited, truncated) is
 * handed up as its raw text: the layer above fails to open it and treats it as absent, rather than
 * every read of that key failing.
 */
export function parseRow(text: string): Row {
  try {
    const row: unknown = JSON.parse(text);
    if (typeof row === 'object' && row !== null && 'value' in row && typeof row.value === 'string') {
      const expires = 'expires' in row ? row.expires : undefined;
      if (typeof expires === 'number') return { value: row.value, expires };
      if (expires === undefined || expires === null) return { value: row.value };
    }
  } catch {
    // fall through: not keyv's format
  }
  return { value: text };
}
