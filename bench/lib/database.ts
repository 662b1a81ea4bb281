import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/core/db/embedded';
import { createDataSource } from '../../src/core/db/data-source';
import { entities } from '../../src/modules';
import { migrate } from '../../src/core/db/migrate';

export interface BenchPostgres {
  /** A URL to the server's `postgres` database, for creating the bench databases. */
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL the bench runs on: the server of DATABASE_URL when it is set (the machine's own, usually
 * 127.0.0.1:5432), else an embedded one whose files stay in `.data/bench-postgres`, so generated data survives
 * between runs either way.
 */
export async function locateBenchPostgres(root: string): Promise<BenchPostgres> {
  if (process.env.DATABASE_URL) {
    return {
      adminUrl: withDatabase(process.env.DATABASE_URL, 'postgres'),
      embedded: false,
      stop: async () => {},
    };
  }
  const pg = await startEmbeddedPostgres(join(root, '.data', 'bench-postgres'), 'dorfmarkt_bench');
  return { adminUrl: withDatabase(pg.url, 'postgres'), embedded: true, stop: pg.stop };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates the database when missing and runs the app's migrations on it; returns its URL. */
export async function prepareDatabase(pg: BenchPostgres, name: string): Promise<string> {
  const admin = new Client({ connectionString: pg.adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(pg.adminUrl, name);
  const dataSource = createDataSource({ entities, url, poolSize: 2, applicationName: 'dorfmarkt-bench' });
  await dataSource.initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const client = await connect(url);
  try {
    await vacuumNeverVacuumed(client);
  } finally {
    await client.end();
  }
  return url;
}

/**
 * VACUUM (ANALYZE) after bulk loading: without it the visibility map stays empty and every index-only scan
 * (the covering trust-edge indexes) reads the table as well. A server with autovacuum on gets there by itself
 * soon after a load; this machine's PostgreSQL runs with autovacuum off, so the bench does it.
 */
export async function vacuumAfterLoad(client: Client): Promise<void> {
  await client.query('VACUUM (ANALYZE)');
}

/** Data kept from an earlier run that no vacuum has seen yet (loaded before the bench vacuumed). */
async function vacuumNeverVacuumed(client: Client): Promise<void> {
  const { rows } = await client.query<{ schema: string; table: string }>(
    `SELECT schemaname AS schema, relname AS table FROM pg_stat_user_tables
      WHERE n_live_tup > 0 AND last_vacuum IS NULL AND last_autovacuum IS NULL`,
  );
  for (const { schema, table } of rows) await client.query(`VACUUM (ANALYZE) "${schema}"."${table}"`);
}

/** A plain client for the bench's own SQL (generation, checks); closes with `end()`. */
export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'dorfmarkt-bench' });
  await client.connect();
  return client;
}

/** The columns of a table, or null when the table does not exist (a slice that has not merged yet). */
export async function columnsOf(client: Client, table: string): Promise<Set<string> | null> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return rows.length ? new Set(rows.map((r) => r.column_name)) : null;
}

export async function countRows(client: Client, table: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}
