import 'reflect-metadata';
import { loadConfig } from '../src/core/config';
import { locateDatabase } from '../src/core/db/connect';
import { createLogger } from '../src/core/logger';
import { seedIfEmpty } from '../src/seed/seed';
import { createServer } from '../src/server';

/** `npm run seed`: loads the demo village into the configured (or embedded) database when it is empty. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { PORT: 0, HOST: '127.0.0.1' });
  const logger = createLogger(config.LOG_LEVEL);
  const database = await locateDatabase(config, logger);
  const server = await createServer({ config, logger, databaseUrl: database.url });
  try {
    const seeded = await seedIfEmpty(server.container, logger);
    console.log(seeded ? 'Demo village loaded.' : 'The database has users already; nothing loaded.');
  } finally {
    await server.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
