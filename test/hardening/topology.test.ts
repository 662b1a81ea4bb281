import { request as httpRequest } from 'node:http';
import { createServer, connect, type Server } from 'node:net';
import { createHash } from 'node:crypto';
import { createTestDatabase } from '../helpers/database';
import { spawnServer, type ServerProcess } from '../helpers/process';
import { connectSocket } from '../helpers/ws-client';
import { metricValue, redisAvailable, startRedis } from './support';

/**
 * What docker-compose.yml deploys, without Docker: two API processes on one PostgreSQL and one Redis, behind one
 * port. A round-robin TCP proxy stands in for nginx; every request opens its own connection, so consecutive
 * requests land on alternate replicas.
 */
(redisAvailable ? describe : describe.skip)('two replicas behind one port', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let replicas: ServerProcess[];
  let proxy: Server;
  let url: string;
  beforeAll(async () => {
    redis = await startRedis();
    const databaseUrl = await createTestDatabase();
    const env = { REDIS_URL: redis.url, TRUST_PROXY: '1', RATE_LIMIT_IP: '10' };
    replicas = await Promise.all([spawnServer(databaseUrl, env), spawnServer(databaseUrl, env)]);
    proxy = roundRobin(replicas.map((r) => r.port));
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    proxy?.close();
    await Promise.all((replicas ?? []).map((r) => r.stop()));
    await redis?.stop();
  });

  it('spreads requests over both replicas, and a token from one works on the other', async () => {
    const handle = `topo_${Date.now() % 100_000}`;
    const signedUp = await post(url, {
      query: 'mutation ($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } } }',
      variables: {
        i: { email: `${handle}@example.com`, password: 'correct horse battery', handle, displayName: handle },
      },
    });
    const { accessToken, user } = signedUp.body.data.signUp;
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(
        (await post(url, { query: '{ me { id } }' }, { authorization: `Bearer ${accessToken}` })).body,
      );
    expect(answers).toEqual(Array(4).fill({ data: { me: { id: user.id } } }));
    for (const replica of replicas)
      expect(
        await metricValue(replica.url, 'dorfmarkt_http_responses_total', {
          route: '/graphql',
          status: '200',
        }),
      ).toBeGreaterThanOrEqual(2);
  });

  it('delivers an event published on one replica to a subscriber on the other (through Redis)', async () => {
    const listener = connectSocket(replicas[0].url);
    const events = listener.subscribe<{ testEvents: string }>(
      'subscription { testEvents(topic: "topology") }',
    );
    // The subscription is registered once the socket answers a query after it.
    await listener.execute('{ __typename }');
    const publisher = setInterval(
      () =>
        void post(replicas[1].url, {
          query: 'mutation { testPublish(topic: "topology", message: "from B") }',
        }),
      200,
    );
    try {
      expect(await events.until((d) => d.testEvents === 'from B', 10_000)).toEqual({ testEvents: 'from B' });
    } finally {
      clearInterval(publisher);
      await listener.close();
    }
  });

  it('keeps one rate limit budget for both replicas', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await post(url, { query: '{ __typename }' }, { 'x-forwarded-for': '10.8.0.1' })).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
  });

  it('shares persisted queries between the replicas', async () => {
    const query = `query Topology${Date.now()} { __typename }`;
    const extensions = {
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') },
    };
    expect((await post(url, { query, extensions })).body).toEqual({ data: { __typename: 'Query' } });
    const hashOnly = [];
    for (let i = 0; i < 4; i++) hashOnly.push((await post(url, { extensions })).body);
    expect(hashOnly).toEqual(Array(4).fill({ data: { __typename: 'Query' } }));
  });
});

/** A TCP proxy that sends each new connection to the next port in turn. */
function roundRobin(ports: number[]): Server {
  let next = 0;
  return createServer((client) => {
    const upstream = connect(ports[next++ % ports.length], '127.0.0.1');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
}

let clients = 0;

/**
 * POSTs JSON on a connection of its own (no keep-alive), as separate clients would: each from an address of its
 * own (X-Forwarded-For, trusted as if the proxy had set it) unless one is given, so only the rate limit test
 * spends a budget.
 */
function post(
  base: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const client = ++clients;
  const forwarded = { 'x-forwarded-for': `10.7.${client >> 8}.${client & 255}` };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}/graphql`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', ...forwarded, ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
