import { createTestDatabase } from '../helpers/database';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { connectSocket } from '../helpers/ws-client';
import { metricValue, waitFor } from '../hardening/support';

describe('graceful stop on SIGTERM', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnServer(await createTestDatabase());
  });
  afterAll(() => server.stop('SIGKILL'));

  it('lets a slow request finish, closes WebSockets with 1001, then exits 0', async () => {
    const socket = connectSocket(server.url);
    const ticks = socket.subscribe('subscription { testTicks(everyMs: 50) }');
    expect(await ticks.next()).toEqual({ data: { testTicks: 1 } });

    const slow = fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ testSleep(ms: 1500) }' }),
    });
    // The metrics request itself is the other one in flight.
    await waitFor(
      'the slow request to arrive',
      async () => (await metricValue(server.url, 'dorfmarkt_in_flight')) >= 2,
    );
    const signalled = Date.now();
    void server.stop();

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { testSleep: 1500 } });
    expect(await socket.closed).toBe(1001);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
