import type { Logger } from '../lib/logger.ts';
import type { WizardRunner } from './runner.ts';
import { stateOf } from './selectors.ts';

/**
 * The runner, with debug lines per turn: who, which event (its type only: events carry pass phrases),
 * the page it answered with at once and the one it settled on, and how long the turn took. What an
 * operator needs to follow a stuck purchase (`LOG_LEVEL=debug`); never the session id (bearer-like).
 */
export function withTurnLog(
  runner: WizardRunner,
  logger: Logger,
  now: () => number = Date.now,
): WizardRunner {
  return {
    ...runner,
    async send(sessionId, event) {
      const started = now();
      const result = await runner.send(sessionId, event);
      if ('missing' in result) {
        logger.debug('wizard turn', { event: event.type, outcome: 'no session' });
        return result;
      }
      const { teamId, userId } = result.immediate.context;
      const fields = { teamId, userId, event: event.type, immediate: stateOf(result.immediate) };
      logger.debug('wizard turn', { ...fields, ms: now() - started });
      result.settled.then(
        (settled) =>
          logger.debug('wizard turn settled', { ...fields, settled: stateOf(settled), ms: now() - started }),
        (error: unknown) =>
          logger.debug('wizard turn failed', {
            ...fields,
            code: (error as { code?: unknown }).code,
            ms: now() - started,
          }),
      );
      return result;
    },
  };
}
