import type { Logger } from '../logger';
import type { Config } from '../config';
import { startEmbeddedPostgres } from './embedded';
import { join } from 'node:path';

export interface DatabaseLocation {
  url: string;
  /** True when this process started an embedded server whose cluster is new (a first start). */
  fresh: boolean;
  stop: () => Promise<void>;
}

/** DATABASE_URL when set; otherwise a real PostgreSQL started here, its files in the data folder. */
export async function locateDatabase(config: Config, logger: Logger): Promise<DatabaseLocation> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, fresh: false, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres(join(config.DATA_DIR, 'postgres'));
  logger.info(
    { dataDir: embedded.dataDir, url: embedded.url.replace(/:[^:@/]+@/, ':***@') },
    'embedded PostgreSQL started',
  );
  return { url: embedded.url, fresh: embedded.created, stop: embedded.stop };
}
