import { EndiciaApiError, EndiciaUnavailableError } from './errors.ts';
import type { EndiciaCallOutcome, EndiciaCallRecord, EndiciaOperation } from './types.ts';

/** The fixed outcome of a call that threw (anything unexpected is `error`, never its message). */
export function callOutcome(error: unknown): EndiciaCallOutcome {
  if (error instanceof EndiciaApiError) return 'refused';
  if (error instanceof EndiciaUnavailableError) return error.reason === 'timeout' ? 'timeout' : 'unavailable';
  return 'error';
}

/**
 * Runs one operation and reports how it ended and how long it took to `onCall`. A throwing observer must
 * not change the call's result (above all a purchase's): it is ignored.
 */
export function observed(onCall: ((call: EndiciaCallRecord) => void) | undefined) {
  return async <T>(operation: EndiciaOperation, run: () => Promise<T>): Promise<T> => {
    if (!onCall) return run();
    const started = performance.now();
    const report = (outcome: EndiciaCallOutcome) => {
      try {
        onCall({ operation, outcome, seconds: (performance.now() - started) / 1000 });
      } catch {
        // Metrics are best effort.
      }
    };
    try {
      const result = await run();
      report('ok');
      return result;
    } catch (error) {
      report(callOutcome(error));
      throw error;
    }
  };
}
