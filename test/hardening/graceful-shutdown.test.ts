import request from 'supertest';
import { createTestDatabase, sql } from '../helpers/database';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { connectSocket } from '../helpers/ws-client';
import { SIGN_UP, signUpVariables, waitFor } from './support';

/**
 * SIGTERM while sign-ups are blocked inside their transactions (the test holds a lock on `users`) and while
 * subscriptions are open: every mutation that had arrived completes and is stored whole, subscriptions keep
 * receiving during the drain and are then closed with 1001, new connections are refused, and the process exits 0.
 */
describe('graceful shutdown under load', () => {
  let databaseUrl: string;
  let server: ServerProcess;
  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    // Six sign-ups held open at once need six connections of the pool.
    server = await spawnServer(databaseUrl, { DB_POOL_SIZE: '10' });
  });
  afterAll(() => server.stop('SIGKILL'));

  it('finishes in-flight mutations, drains subscriptions, then closes them with 1001', async () => {
    const db = await sql(databaseUrl);
    const lock = await sql(databaseUrl);
    try {
      const sockets = [connectSocket(server.url), connectSocket(server.url)];
      const subscriptions = sockets.flatMap((s) => [
        s.subscribe('subscription { testTicks(everyMs: 40) }'),
        s.subscribe('subscription { testTicks(everyMs: 60) }'),
      ]);
      for (const subscription of subscriptions)
        expect((await subscription.next()).data).toEqual({ testTicks: 1 });

      await lock.query('BEGIN');
      await lock.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
      const handles = ['drain_a', 'drain_b', 'drain_c', 'drain_d', 'drain_e'];
      const overHttp = handles.map((handle) =>
        request(server.url)
          .post('/graphql')
          .set('content-type', 'application/json')
          .send({ query: SIGN_UP, variables: signUpVariables(handle) })
          .then((res) => res),
      );
      const overSocket = sockets[0].execute(SIGN_UP, signUpVariables('drain_ws'));
      await waitFor('six sign-ups waiting on the lock', async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO "users"%'`,
        );
        return rows[0].n === 6;
      });

      void server.stop();
      await waitFor('new connections to be refused', () =>
        fetch(`${server.url}/healthz`).then(
          () => false,
          () => true,
        ),
      );
      // Still draining: the subscriptions keep receiving.
      const during = await subscriptions[0].next();
      expect(during.data?.testTicks).toBeGreaterThan(1);

      await lock.query('COMMIT');
      const answers = await Promise.all(overHttp);
      expect(
        answers.map((a) => [a.status, a.body.data.signUp.user?.handle, a.body.data.signUp.userErrors]),
      ).toEqual(handles.map((h) => [200, h, []]));
      expect((await overSocket).data?.signUp.user.handle).toBe('drain_ws');
      expect(await Promise.all(sockets.map((s) => s.closed))).toEqual([1001, 1001]);
      expect(await server.exited).toBe(0);

      const { rows } = await db.query(
        `SELECT u.handle, count(t.*)::int AS tokens FROM users u LEFT JOIN refresh_tokens t ON t.user_id = u.id
          WHERE u.handle LIKE 'drain%' GROUP BY u.handle ORDER BY u.handle`,
      );
      expect(rows).toEqual([...handles, 'drain_ws'].sort().map((handle) => ({ handle, tokens: 1 })));
    } finally {
      await lock.query('ROLLBACK').catch(() => undefined);
      await lock.close();
      await db.close();
    }
  });
});
