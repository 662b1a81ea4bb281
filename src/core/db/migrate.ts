import type { DataSource } from 'typeorm';

const MIGRATION_LOCK = 'dorfmarkt:migrations';

/**
 * Runs pending migrations while holding a session-level advisory lock, so that instances starting together
 * take turns: the first migrates, the others wait and then find nothing left to do.
 */
export async function migrate(dataSource: DataSource): Promise<number> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.length;
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
