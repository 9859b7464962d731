import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../lib/logger.ts';

/**
 * Bolt and the WebClient log through this. Their debug output can quote whole request payloads (a
 * typed pass phrase sits in `view.state.values`), so debug lines are dropped; the rest goes through our
 * redacting logger as one message string.
 */
export function toSlackLogger(logger: Logger): SlackLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (msg: unknown[]) =>
    msg
      .map((part) =>
        typeof part === 'string'
          ? part
          : part instanceof Error
            ? `${part.name}: ${part.message}`
            : '[object]',
      )
      .join(' ');
  return {
    debug: () => {},
    info: (...msg: unknown[]) => logger.info(text(msg), { source: 'slack' }),
    warn: (...msg: unknown[]) => logger.warn(text(msg), { source: 'slack' }),
    error: (...msg: unknown[]) => logger.error(text(msg), { source: 'slack' }),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
