/** The `/postage` subcommands a typo is compared with (aliases are not suggested). */
const KNOWN = ['buy', 'balance', 'passphrase', 'alerts', 'forget', 'history', 'help'] as const;

// Only a short command-like word is ever repeated back: a slash command may carry anything pasted.
const ECHOABLE = /^[a-z][a-z-]{0,19}$/i;

/** What to say about an unrecognised first word: the word itself (when safe to echo) and a close command. */
export interface UnknownCommand {
  word: string | null;
  suggestion: string | null;
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps count 1). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) (rows[0] as number[])[j] = j;
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * Names the unknown word and the closest subcommand, when one is within two edits (one for words of up
 * to four letters, so `by` suggests `buy` but `x` suggests nothing).
 */
export function unknownCommand(word: string): UnknownCommand {
  if (!ECHOABLE.test(word)) return { word: null, suggestion: null };
  const lower = word.toLowerCase();
  let suggestion: string | null = null;
  let best = lower.length <= 4 ? 1 : 2;
  for (const known of KNOWN) {
    const d = distance(lower, known);
    if (d <= best && (suggestion === null || d < best)) {
      suggestion = known;
      best = d;
    }
  }
  return { word, suggestion };
}
