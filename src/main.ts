import 'reflect-metadata';
import { type Config, ConfigError, loadConfig } from './core/config';
import { locateDatabase } from './core/db/connect';
import { EmbeddedPostgresError } from './core/db/embedded';
import { ProcessLifecycle } from './core/lifecycle';
import { createLogger, type Logger } from './core/logger';
import { createServer } from './server';
import { seedIfEmpty } from './seed/seed';

/**
 * Process entry: configuration, signal handlers, database, server, the demo village, then ready. /readyz says
 * ready only once the village is in, and a stop at any point closes what was opened and exits.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const lifecycle = new ProcessLifecycle(logger);
  // The process cannot be trusted after an error nobody handled: say what it was through the log, then exit.
  process.on('uncaughtException', (error, origin) => {
    logger.fatal({ err: error, origin }, 'uncaught error, exiting');
    process.exit(1);
  });
  try {
    await start(config, logger, lifecycle);
  } catch (error) {
    // A stop while starting ends the start; the stop itself exits.
    if (lifecycle.signal.aborted) return;
    await lifecycle.fail(error, error instanceof EmbeddedPostgresError ? error.message : undefined);
  }
}

async function start(config: Config, logger: Logger, lifecycle: ProcessLifecycle): Promise<void> {
  const database = await lifecycle.open(
    () => locateDatabase(config, logger),
    (db) => db.stop(),
  );
  const server = await lifecycle.open(
    () => createServer({ config, logger, databaseUrl: database.url, ready: false }),
    (s) => s.close(),
  );
  if (config.SEED_DEMO_DATA ?? database.embedded) {
    const loaded = lifecycle.step(() => seedIfEmpty(server.container, logger, lifecycle.signal));
    await loaded.catch((error: unknown) => {
      if (lifecycle.signal.aborted)
        logger.info('stopped while loading the demo village: nothing of it was kept');
      throw error;
    });
  }
  server.ready();
  logger.info(`GraphQL at ${server.url}/graphql`);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
