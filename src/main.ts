import 'reflect-metadata';
import { ConfigError, loadConfig } from './core/config';
import { createLogger } from './core/logger';
import { locateDatabase } from './core/db/connect';
import { createServer } from './server';
import { seedIfEmpty } from './seed/seed';

/** Process entry: configuration, database, server, then a graceful stop on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await locateDatabase(config, logger);
  const server = await createServer({ config, logger, databaseUrl: database.url });
  if (config.SEED_DEMO_DATA ?? database.fresh) await seedIfEmpty(server.container, logger);
  logger.info(`GraphQL at ${server.url}/graphql`);

  let stopping = false;
  const stop = async (signal: string) => {
    // A second signal while draining (Ctrl-C twice) stops at once.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await server.close();
      await database.stop();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean stop');
      process.exit(1);
    }
  };
  // The process cannot be trusted after an error nobody handled: say what it was through the log, then exit.
  process.on('uncaughtException', (error, origin) => {
    logger.fatal({ err: error, origin }, 'uncaught error, exiting');
    process.exit(1);
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
