import { createUsers, type TestUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { appToken, registerApp } from '../helpers/apps-factories';
import { connectSocket } from '../helpers/ws-client';

/** 1 (products) + 20 × (1 node + 1 merchant) per the cost model, with `first: 20`. */
const QUERY = `{ products(first: 20) { nodes { id merchant { id } } } }`;

describe('cost budgets of app tokens', () => {
  let server: TestServer;
  let other: TestServer;
  let people: Record<string, TestUser>;

  beforeAll(async () => {
    server = await startTestServer();
    other = await startTestServer({ databaseUrl: server.databaseUrl });
    people = await createUsers(server, ['Anna', 'Ben']);
  });
  afterAll(async () => {
    await other.close();
    await server.close();
  });

  it('reports the cost on every answer, drains the bucket across instances, throttles, and refills at 50 a second', async () => {
    const app = await registerApp(server, people.Anna, { scopes: ['catalog:read'] });
    const { access_token } = await appToken(server, app, people.Ben, 'catalog:read');
    const post = (instance: TestServer) =>
      fetch(`${instance.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
        body: JSON.stringify({ query: QUERY }),
      });

    const first = await post(server);
    const body: any = await first.json();
    const cost = body.extensions.cost;
    expect(cost.requestedQueryCost).toBeGreaterThan(20);
    expect(cost.actualQueryCost).toBe(cost.requestedQueryCost);
    expect(cost.throttleStatus).toEqual({
      maximumAvailable: 1000,
      currentlyAvailable: 1000 - cost.requestedQueryCost,
      restoreRate: 50,
    });
    const requested: number = cost.requestedQueryCost;

    // Drain it, alternating instances: one bucket for both.
    let last = cost.throttleStatus.currentlyAvailable as number;
    let refused: Response | null = null;
    let throttledAvailable = 0;
    let throttledAt = 0;
    for (let i = 0; i < 100 && !refused; i++) {
      const started = Date.now();
      const res = await post(i % 2 ? server : other);
      const json: any = await res.json();
      if (res.status === 429) {
        refused = res;
        const { retryAfter, cost: throttled } = json.errors[0].extensions;
        expect(json.errors[0].extensions.code).toBe('THROTTLED');
        expect(json.data).toBeUndefined();
        const available = throttled.throttleStatus.currentlyAvailable;
        throttledAvailable = available;
        throttledAt = Date.now();
        expect(available).toBeLessThan(requested);
        expect(throttled.actualQueryCost).toBeNull();
        expect(retryAfter).toBe(Math.max(1, Math.ceil((requested - available) / 50)));
        expect(res.headers.get('retry-after')).toBe(String(retryAfter));
        break;
      }
      const now = json.extensions.cost.throttleStatus.currentlyAvailable;
      // Taken each time, with at most the refill of the time that passed.
      const elapsedRefill = ((Date.now() - started) / 1000) * 50 + 50;
      expect(now).toBeLessThanOrEqual(Math.min(1000, last + elapsedRefill) - requested + 1);
      expect(now).toBeGreaterThanOrEqual(last - requested - 1);
      last = now;
    }
    expect(refused).not.toBeNull();

    // After the wait it fits again, with the refill the time gave.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const later = await post(other);
    expect(later.status).toBe(200);
    const refilled = ((await later.json()) as any).extensions.cost.throttleStatus.currentlyAvailable;
    const elapsed = (Date.now() - throttledAt) / 1000;
    expect(refilled).toBeGreaterThanOrEqual(throttledAvailable + 2 * 50 - requested - 1);
    expect(refilled).toBeLessThanOrEqual(throttledAvailable + (elapsed + 0.5) * 50 - requested + 1);
  });

  it('charges an app’s operations over WebSocket to the same bucket, and throttles them there too', async () => {
    const app = await registerApp(server, people.Anna, { scopes: ['catalog:read'] });
    const { access_token } = await appToken(server, app, people.Ben, 'catalog:read');
    const post = async () => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
        body: JSON.stringify({ query: QUERY }),
      });
      return (await res.json()) as any;
    };
    const before = (await post()).extensions.cost;
    const socket = connectSocket(other.url, access_token);
    try {
      const answers = [];
      for (let i = 0; i < 60; i++) {
        const answer = await socket.execute(QUERY);
        answers.push(answer);
        if (answer.errors) break;
      }
      const refused = answers.at(-1)!;
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'THROTTLED',
        retryAfter: expect.any(Number),
      });
      expect(refused.errors?.[0].extensions.http).toBeUndefined();
      const served = answers.length - 1;
      expect(answers.slice(0, served).every((a) => a.data?.products)).toBe(true);
      // The socket's operations took from the bucket HTTP reports: at most what was there plus the refill.
      expect(served * before.requestedQueryCost).toBeGreaterThan(
        before.throttleStatus.currentlyAvailable - before.requestedQueryCost,
      );
      const after = await post();
      expect(after.errors?.[0].extensions.code).toBe('THROTTLED');
    } finally {
      await socket.close();
    }
  });

  it('leaves people’s requests without a cost report', async () => {
    const res = await server.gql(QUERY, {}, people.Anna.token);
    expect(res.body.extensions?.cost).toBeUndefined();
  });
});
