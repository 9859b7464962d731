import { compose } from './compose.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './lib/logger.ts';

// `npm start`: validate the environment, compose, serve; SIGTERM/SIGINT stop gracefully within 10 s.

// `.env` support without a dependency (Node ≥ 20.12); real environment variables win over the file.
try {
  process.loadEnvFile();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger({ level: config.logLevel });
const running = await compose(config, logger).catch((error: unknown) => {
  logger.error('start-up failed', { error });
  process.exit(1);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info('stopping', { signal });
  // Hard stop just under the 10 s contract, whatever hangs.
  setTimeout(() => process.exit(1), 9_800).unref();
  // Not drained is logged by stop(); the process still ends cleanly so the orchestrator is not confused.
  try {
    await running.stop(8_500);
  } catch (error) {
    logger.error('error while stopping', { error });
  }
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
