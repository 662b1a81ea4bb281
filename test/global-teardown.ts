import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_ADMIN_URL;
  const stop = (globalThis as { __stopTestDatabase?: () => Promise<void> }).__stopTestDatabase;
  if (stop) return stop();
  if (!adminUrl) return;
  // On a shared server, drop what this run made.
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'dorfmarkt_t%' AND datname LIKE $1`,
    [`%_${process.env.TEST_TEMPLATE_DB?.split('_').pop()}%`],
  );
  for (const { datname } of rows)
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  await admin.end();
}
