import { createTestDatabase, sql } from '../helpers/database';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { countVillage, WHOLE_VILLAGE } from '../helpers/village';
import { waitFor } from '../hardening/support';

/** The built server (`npm start`) loading the demo village into its database: whole or absent, never half. */
describe('the demo village at start', () => {
  const servers: ServerProcess[] = [];
  const start = async (databaseUrl: string) => {
    const server = await spawnServer(databaseUrl, { SEED_DEMO_DATA: 'true' });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    for (const server of servers) await server.stop('SIGKILL');
  });

  it('answers /readyz with 503 until the village is in, and then has all of it', async () => {
    const databaseUrl = await createTestDatabase();
    const server = await start(databaseUrl);
    const db = await sql(databaseUrl);
    try {
      const first = await fetch(`${server.url}/readyz`);
      expect([first.status, await first.json()]).toEqual([503, { status: 'starting' }]);
      let ready = false;
      await waitFor(
        'readiness',
        async () => {
          const res = await fetch(`${server.url}/readyz`);
          // Never a part of the village: all of it commits at once (readiness follows just after).
          const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
          expect([0, WHOLE_VILLAGE.users]).toContain(rows[0].n);
          ready = res.status === 200;
          return ready;
        },
        60_000,
      );
      expect(ready).toBe(true);
      // Ready means the whole village is in.
      expect(await countVillage(server.url)).toEqual(WHOLE_VILLAGE);
    } finally {
      await db.close();
    }
  }, 90_000);

  it('keeps nothing of a village whose loading was stopped, and loads it whole on the next start', async () => {
    const databaseUrl = await createTestDatabase();
    const first = await start(databaseUrl);
    await waitFor('the village to start loading', async () =>
      first.output().includes('loading the demo village'),
    );
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('stopped while loading the demo village: nothing of it was kept');

    const db = await sql(databaseUrl);
    try {
      const { rows } = await db.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM products) AS products,
                (SELECT count(*)::int FROM merchants) AS merchants, (SELECT count(*)::int FROM pools) AS pools`,
      );
      expect(rows[0]).toEqual({ users: 0, products: 0, merchants: 0, pools: 0 });
    } finally {
      await db.close();
    }

    const second = await start(databaseUrl);
    await waitFor('readiness', async () => (await fetch(`${second.url}/readyz`)).status === 200, 60_000);
    expect(await countVillage(second.url)).toEqual(WHOLE_VILLAGE);
  }, 120_000);
});
