import 'reflect-metadata';
import { createDataSource } from '../src/core/db/data-source';
import { entities } from '../src/modules';

/**
 * For the TypeORM CLI: `npm run migration:generate -- migrations/Name` diffs the entities against the database at
 * DATABASE_URL (an empty, migrated scratch database) and writes the migration to review and commit.
 */
export default createDataSource({
  entities,
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dorfmarkt_dev',
});
