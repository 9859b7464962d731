import { compose } from '../../src/compose.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/lib/logger.ts';

/*
 * One app instance as its own process, for tests that kill it (SIGKILL) mid-purchase. Configured by the
 * environment like `npm start`, plus CHILD_INSTANCE_ID and short heartbeat knobs; prints {"port":…} once
 * it listens.
 */
const running = await compose(loadConfig(process.env), createLogger({ level: 'error' }), {
  host: '127.0.0.1',
  instanceId: process.env['CHILD_INSTANCE_ID'] ?? 'child',
  clientOptions: { retryConfig: { retries: 0 } },
  botId: 'B0FAKE',
  botUserId: 'U0FAKEBOT',
  replyBudgetMs: 1_000,
  alerts: { spreadMs: 0, firstSweepDelayMs: 3_600_000 },
  claims: { heartbeatMs: 500, heartbeatTtlMs: 3_000, scanEveryMs: 500 },
});
process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);
