import type { Logger } from '../logger';
import type { Config } from '../config';
import { startEmbeddedPostgres } from './embedded';
import { join } from 'node:path';

export interface DatabaseLocation {
  url: string;
  /** True when this process started an embedded server (where the demo village is loaded by default). */
  embedded: boolean;
  stop: () => Promise<void>;
}

/** DATABASE_URL when set; otherwise a real PostgreSQL started here, its files in the data folder. */
export async function locateDatabase(config: Config, logger: Logger): Promise<DatabaseLocation> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres(join(config.DATA_DIR, 'postgres'));
  const url = embedded.url.replace(/:[^:@/]+@/, ':***@');
  if (embedded.movedFrom) {
    logger.info(
      { dataDir: embedded.dataDir, asked: embedded.movedFrom, url },
      `embedded PostgreSQL started; its files are in ${embedded.dataDir}, since its unprivileged user cannot enter ${embedded.movedFrom}`,
    );
  } else {
    logger.info(
      { dataDir: embedded.dataDir, url },
      `embedded PostgreSQL started; its files are in ${embedded.dataDir}`,
    );
  }
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}
