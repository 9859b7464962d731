/** Nearest-rank percentile of `values` (any unit); 0 for an empty list. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** Median and p99 of millisecond samples, in whole microseconds. */
export function microFigures(millis: readonly number[]): { medianUs: number; p99Us: number } {
  return {
    medianUs: Math.round(percentile(millis, 0.5) * 1000),
    p99Us: Math.round(percentile(millis, 0.99) * 1000),
  };
}
