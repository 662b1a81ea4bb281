import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/core/db/embedded';
import { createDataSource } from '../src/core/db/data-source';
import { entities } from '../src/modules';
import { migrate } from '../src/core/db/migrate';
import { JobQueue } from '../src/core/jobs/job-queue';
import { createLogger } from '../src/core/logger';

/**
 * One PostgreSQL for the whole run (DATABASE_URL, or an embedded one), with a template database migrated once
 * (job queue schema included); every test file then copies it into a fresh database of its own.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = join(__dirname, '..', '.data', `test-postgres-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    // As root in a private folder, the cluster lives where PostgreSQL's own user can reach it (embedded.dataDir).
    const embedded = await startEmbeddedPostgres(dir, 'postgres_admin');
    adminUrl = embedded.url;
    (globalThis as { __stopTestDatabase?: () => Promise<void> }).__stopTestDatabase = async () => {
      await embedded.stop();
      rmSync(embedded.dataDir, { recursive: true, force: true });
    };
  }
  const template = `dorfmarkt_template_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, template);
  const dataSource = createDataSource({ entities, url: templateUrl, poolSize: 2 });
  await dataSource.initialize();
  await migrate(dataSource);
  await dataSource.destroy();
  const jobs = new JobQueue({ databaseUrl: templateUrl, logger: createLogger('silent') });
  await jobs.start();
  await jobs.stop();

  process.env.TEST_ADMIN_URL = adminUrl;
  process.env.TEST_TEMPLATE_DB = template;
  delete process.env.DATABASE_URL;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
