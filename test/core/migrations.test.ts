import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { migrations } from '../../migrations';
import { createTestDatabase, sql, withDatabase } from '../helpers/database';
import { spawnServer, type ServerProcess } from '../helpers/process';

describe('migrations', () => {
  let databaseUrl: string;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    // An empty database, not a copy of the migrated template.
    const name = `dorfmarkt_t${randomBytes(5).toString('hex')}_${process.env.TEST_TEMPLATE_DB!.split('_').pop()}`;
    const admin = new Client({ connectionString: process.env.TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databaseUrl = withDatabase(process.env.TEST_ADMIN_URL!, name);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('lets two instances started together on an empty database both come up, migrating once', async () => {
    servers = await Promise.all([spawnServer(databaseUrl), spawnServer(databaseUrl)]);
    for (const server of servers) {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(200);
    }
    const db = await sql(databaseUrl);
    try {
      const { rows } = await db.query<{ name: string; count: string }>(
        // In code-point order, as JavaScript sorts: the database's collation may order names otherwise.
        'SELECT name, count(*) FROM migrations GROUP BY name ORDER BY name COLLATE "C"',
      );
      expect(rows).toEqual(
        migrations
          .map((m) => ({ name: m.name, count: '1' }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      );
    } finally {
      await db.close();
    }
    const applied = servers.map((s) => /"applied":(\d+)/.exec(s.output())?.[1] ?? '0').sort();
    expect(applied).toEqual(['0', String(migrations.length)]);
  });

  it('match the entities: typeorm migration:generate --check finds nothing to write on the migrated database', async () => {
    const root = join(__dirname, '..', '..');
    // The built data source (npm run build), on a copy of the template the migrations made.
    const check = promisify(execFile)(
      process.execPath,
      [
        join(root, 'node_modules', 'typeorm', 'cli.js'),
        'migration:generate',
        '-d',
        join(root, 'dist', 'scripts', 'migration-data-source.js'),
        join(root, 'migrations', 'Unexpected'),
        '--check',
      ],
      { cwd: root, env: { ...process.env, DATABASE_URL: await createTestDatabase() } },
    );
    await expect(check).resolves.toEqual(
      expect.objectContaining({
        stdout: expect.stringContaining('No changes in database schema were found'),
      }),
    );
  }, 60_000);
});
