import { type Logger, LogLevel } from '@slack/bolt';

/**
 * A Slack SDK logger that keeps lines in memory instead of printing them, so test output stays
 * readable (the WebClient logs every `[ERROR]` in response_metadata). Pass it as `logger` to
 * `WebClient`/`App`; `lines` is there when a test wants to look.
 */
export function quietSlackLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  let level: LogLevel = LogLevel.INFO;
  const keep =
    (at: string) =>
    (...msg: unknown[]): void => {
      lines.push(`${at} ${msg.map(String).join(' ')}`);
    };
  return {
    lines,
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
