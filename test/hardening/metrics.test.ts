import { JobQueue } from '../../src/core/jobs/job-queue';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';
import { metricValue, waitFor } from './support';

describe('GET /metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { DB_POOL_SIZE: '7' } });
  });
  afterAll(() => server.close());

  it('serves Prometheus text on the API port', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      'dorfmarkt_graphql_operations_total',
      'dorfmarkt_graphql_operation_duration_seconds',
      'dorfmarkt_graphql_active_subscriptions',
      'dorfmarkt_db_pool_connections',
      'dorfmarkt_job_queue_depth',
      'dorfmarkt_process_cpu_seconds_total',
    ])
      expect(text).toContain(`# TYPE ${name} `);
  });

  it('reports the Node it runs on: 24, from the node package that npm scripts put first', async () => {
    expect(await metricValue(server.url, 'dorfmarkt_nodejs_version_info', { major: '24' })).toBe(1);
  });

  it('counts operations and their latency by operation name, transport and outcome', async () => {
    for (let i = 0; i < 3; i++) await server.gql('query Viewer { me { id } }');
    await server.gql('query Broken { node(id: "nope") { id } }');
    const socket = connectSocket(server.url);
    await socket.execute('query Viewer { me { id } }');
    await socket.close();

    const value = (name: string, labels: Record<string, string>) => metricValue(server.url, name, labels);
    expect(
      await value('dorfmarkt_graphql_operations_total', {
        operation: 'Viewer',
        transport: 'http',
        outcome: 'ok',
      }),
    ).toBe(3);
    expect(
      await value('dorfmarkt_graphql_operations_total', {
        operation: 'Broken',
        transport: 'http',
        outcome: 'error',
      }),
    ).toBe(1);
    expect(
      await value('dorfmarkt_graphql_operations_total', {
        operation: 'Viewer',
        transport: 'ws',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      await value('dorfmarkt_graphql_operation_duration_seconds_count', {
        operation: 'Viewer',
        transport: 'http',
      }),
    ).toBe(3);
  });

  it('counts refusals by reason', async () => {
    await server.gql(`{ testItem { ${'child { '.repeat(20)}n${' }'.repeat(20)} } }`);
    expect(await metricValue(server.url, 'dorfmarkt_refused_total', { reason: 'depth' })).toBe(1);
  });

  it('shows the subscriptions open now', async () => {
    const socket = connectSocket(server.url);
    const first = socket.subscribe('subscription { testTicks(everyMs: 30) }');
    const second = socket.subscribe('subscription { testTicks(everyMs: 30) }');
    await first.next();
    await second.next();
    expect(await metricValue(server.url, 'dorfmarkt_graphql_active_subscriptions')).toBe(2);
    first.dispose();
    await waitFor(
      'one subscription to end',
      async () => (await metricValue(server.url, 'dorfmarkt_graphql_active_subscriptions')) === 1,
    );
    await socket.close();
    await waitFor(
      'the socket’s subscription to end',
      async () => (await metricValue(server.url, 'dorfmarkt_graphql_active_subscriptions')) === 0,
    );
  });

  it('shows the database pool and the job queue depth', async () => {
    await server.gql('{ me { id } }');
    expect(await metricValue(server.url, 'dorfmarkt_db_pool_connections', { state: 'max' })).toBe(7);
    expect(
      await metricValue(server.url, 'dorfmarkt_db_pool_connections', { state: 'total' }),
    ).toBeGreaterThanOrEqual(1);
    const jobs = server.container.get(JobQueue);
    await jobs.schedule('metrics-test', { n: 1 }, new Date(Date.now() + 3_600_000));
    await jobs.schedule('metrics-test', { n: 2 }, new Date(Date.now() + 3_600_000));
    // pg-boss counts the jobs every 10 s rather than on every scrape.
    await waitFor(
      'the queue depth to be counted',
      async () =>
        (await metricValue(server.url, 'dorfmarkt_job_queue_depth', { queue: 'metrics-test' })) === 2,
      30_000,
    );
  }, 40_000);
});
