import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { decodeGlobalId } from '../../src/core/relay/global-id';

function adminUrl(): string {
  const url = process.env.TEST_ADMIN_URL;
  if (!url) throw new Error('TEST_ADMIN_URL is unset: run the tests through jest (global setup).');
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database copied from the migrated template; its name carries the run's id for cleanup. */
export async function createTestDatabase(): Promise<string> {
  const template = process.env.TEST_TEMPLATE_DB!;
  const runId = template.split('_').pop();
  const name = `dorfmarkt_t${randomBytes(5).toString('hex')}_${runId}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl(), name);
}

/** A plain SQL connection to a test database, for assertions on what was stored. */
export async function sql(databaseUrl: string): Promise<Client & { close: () => Promise<void> }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  return Object.assign(client, { close: () => client.end() });
}

/** The database id inside a global ID, for SQL in tests. */
export function dbId(globalId: string): string {
  return decodeGlobalId(globalId).id;
}

/** Runs one statement on its own connection and answers its rows: for setup and for assertions on what is stored. */
export async function rows<T = Record<string, any>>(
  databaseUrl: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const db = await sql(databaseUrl);
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.close();
  }
}
