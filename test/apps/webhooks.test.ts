import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createShop, createUsers, type TestShop, type TestUser } from '../helpers/factories';
import { rows } from '../helpers/database';
import { spawnServer } from '../helpers/process';
import { startTestServer, type TestServer } from '../helpers/server';
import { registerApp, type TestApp } from '../helpers/apps-factories';
import { CREATE_POOL, JOIN_POOL, STANDARD_TIERS, inSeconds, key } from '../helpers/pools-factories';
import { CONFIRM_ORDER, placeOrder } from '../helpers/shops-factories';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A partner's receiver: answers each request with the next status of `statuses` (then 200), or holds it. */
async function receiver(statuses: Array<number | 'hold'> = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const status = statuses.shift() ?? 200;
      if (status === 'hold') return;
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(done));
    },
  };
}

async function until<T>(check: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const SUBSCRIBE = `mutation($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { webhookSubscription { id url topics } secret userErrors { field code } } }`;

const DELIVERIES = `query($id: ID!) { app(id: $id) { webhookSubscriptions {
  deliveries(first: 10) { totalCount nodes { topic status attempts responseStatus lastAttemptAt } } } } }`;

describe('webhooks', () => {
  let server: TestServer;
  let people: Record<string, TestUser>;
  let shop: TestShop;

  beforeAll(async () => {
    server = await startTestServer({ env: { WEBHOOK_RETRY_SCALE: '0.02' } });
    people = await createUsers(server, ['Anna', 'Ben', 'Cleo', 'Dora']);
    shop = await createShop(server, { staff: [people.Cleo] });
  });
  afterAll(() => server.close());

  const writeReview = (user: TestUser) =>
    server.gql(
      `mutation($input: WriteReviewInput!) { writeReview(input: $input) { review { id } userErrors { code } } }`,
      { input: { productId: shop.product, rating: 4, title: 'Fein', body: 'Würzig.' } },
      user.token,
    );

  it('refuses topics outside the app’s scopes and unknown topics, naming the field', async () => {
    const app = await registerApp(server, people.Anna, { scopes: ['pools:read'] });
    const res = await server.gql(
      SUBSCRIBE,
      {
        input: {
          appId: app.id,
          url: 'http://127.0.0.1:9/hooks',
          topics: ['pool.succeeded', 'order.created', 'pool.exploded'],
        },
      },
      people.Anna.token,
    );
    expect(res.data.createWebhookSubscription.secret).toBeNull();
    expect(res.data.createWebhookSubscription.userErrors).toEqual([
      { field: ['input', 'topics', '1'], code: 'FORBIDDEN' },
      { field: ['input', 'topics', '2'], code: 'INVALID' },
    ]);
  });

  it('delivers a signed event that the standardwebhooks library verifies, recorded in deliveries', async () => {
    const hooks = await receiver();
    try {
      const app: TestApp = await registerApp(server, people.Anna, { scopes: ['reviews:read'] });
      const sub = await server.gql(
        SUBSCRIBE,
        { input: { appId: app.id, url: hooks.url, topics: ['review.created'] } },
        people.Anna.token,
      );
      const { secret, webhookSubscription } = sub.data.createWebhookSubscription;
      expect(secret).toMatch(/^whsec_/);
      expect(webhookSubscription.topics).toEqual(['review.created']);
      const written = await writeReview(people.Ben);
      expect(written.body).toEqual({ data: expect.anything() });
      const review = written.data.writeReview.review;
      await until(() => hooks.received.length === 1);
      const [{ headers, body }] = hooks.received;
      const verified = new Webhook(secret).verify(body, {
        'webhook-id': headers['webhook-id'] as string,
        'webhook-timestamp': headers['webhook-timestamp'] as string,
        'webhook-signature': headers['webhook-signature'] as string,
      }) as Record<string, any>;
      expect(verified).toEqual({
        id: headers['webhook-id'],
        topic: 'review.created',
        createdAt: expect.any(String),
        data: expect.objectContaining({ id: review.id, rating: 4, title: 'Fein' }),
      });
      expect(() =>
        new Webhook(`whsec_${Buffer.from('another secret').toString('base64')}`).verify(body, headers as any),
      ).toThrow();
      const listed = await until(async () => {
        const res = await server.gql(DELIVERIES, { id: app.id }, people.Anna.token);
        const [delivery] = res.data.app.webhookSubscriptions[0].deliveries.nodes;
        return delivery?.status === 'DELIVERED' ? delivery : null;
      });
      expect(listed).toEqual({
        topic: 'review.created',
        status: 'DELIVERED',
        attempts: 1,
        responseStatus: 200,
        lastAttemptAt: expect.any(String),
      });
    } finally {
      await hooks.close();
    }
  });

  it('tells a shop’s app of each move of its orders, and of a pool’s tipping point once', async () => {
    const hooks = await receiver();
    try {
      const app = await registerApp(server, people.Cleo, {
        scopes: ['orders:read', 'pools:read'],
        merchantId: shop.id,
      });
      const sub = await server.gql(
        SUBSCRIBE,
        { input: { appId: app.id, url: hooks.url, topics: ['order.updated', 'pool.tipped'] } },
        people.Cleo.token,
      );
      const { secret } = sub.data.createWebhookSubscription;
      const orderId = await placeOrder(server.gql, people.Dora, shop.product);
      const confirmed = await server.gql(CONFIRM_ORDER, { input: { orderId } }, people.Cleo.token);
      expect(confirmed.data.confirmOrder.userErrors).toEqual([]);
      await until(() => hooks.received.length === 1);

      const created = await server.gql(
        CREATE_POOL,
        {
          input: { productId: shop.product, capacity: 20, deadline: inSeconds(3600), tiers: STANDARD_TIERS },
        },
        people.Cleo.token,
      );
      const poolId = created.data.createPool.pool.id;
      // 3 units, then 5 (the tipping point), then 6: tipped once.
      for (const [who, quantity] of [
        [people.Anna, 3],
        [people.Ben, 2],
        [people.Dora, 1],
      ] as const) {
        const joined = await server.gql(
          JOIN_POOL,
          { input: { poolId, quantity, idempotencyKey: key() } },
          who.token,
        );
        expect(joined.data.joinPool.userErrors).toEqual([]);
      }
      await until(() => hooks.received.length === 2);
      await new Promise((resolve) => setTimeout(resolve, 1000)); // a second pool.tipped would have come by now
      const events = hooks.received.map(
        ({ body, headers }) =>
          new Webhook(secret).verify(body, {
            'webhook-id': headers['webhook-id'] as string,
            'webhook-timestamp': headers['webhook-timestamp'] as string,
            'webhook-signature': headers['webhook-signature'] as string,
          }) as { topic: string; data: { id: string; status: string } },
      );
      expect(events.map((e) => [e.topic, e.data.id, e.data.status])).toEqual([
        ['order.updated', orderId, 'CONFIRMED'],
        ['pool.tipped', poolId, 'TIPPED'],
      ]);
    } finally {
      await hooks.close();
    }
  });

  it('retries a failing receiver with backoff and the same webhook-id, every attempt in deliveries', async () => {
    const hooks = await receiver([500, 503]);
    try {
      const app = await registerApp(server, people.Anna, { scopes: ['reviews:read'] });
      await server.gql(
        SUBSCRIBE,
        { input: { appId: app.id, url: hooks.url, topics: ['review.created'] } },
        people.Anna.token,
      );
      await writeReview(people.Dora);
      const delivery = await until(async () => {
        const res = await server.gql(DELIVERIES, { id: app.id }, people.Anna.token);
        const [d] = res.data.app.webhookSubscriptions[0].deliveries.nodes;
        return d?.status === 'DELIVERED' ? d : null;
      });
      expect(delivery).toEqual(expect.objectContaining({ attempts: 3, responseStatus: 200 }));
      expect(hooks.received).toHaveLength(3);
      const ids = new Set(hooks.received.map((r) => r.headers['webhook-id']));
      expect(ids.size).toBe(1);
      expect(new Set(hooks.received.map((r) => r.body)).size).toBe(1);
    } finally {
      await hooks.close();
    }
  });

  it('sends nothing the app may not read: a topic needs its scope at delivery too', async () => {
    const hooks = await receiver();
    try {
      const app = await registerApp(server, people.Cleo, { scopes: ['reviews:read'] });
      await server.gql(
        SUBSCRIBE,
        { input: { appId: app.id, url: hooks.url, topics: ['review.created'] } },
        people.Cleo.token,
      );
      // The app loses its scope in the meantime (as an app registered before a scope change would).
      await rows(server.databaseUrl, `UPDATE apps SET scopes = '{pools:read}' WHERE client_id = $1`, [
        app.clientId,
      ]);
      await writeReview(people.Cleo);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(hooks.received).toEqual([]);
    } finally {
      await hooks.close();
    }
  });
});

describe('webhooks in production', () => {
  let server: TestServer;
  let anna: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ env: { NODE_ENV: 'production' } });
    [anna] = await createUsers(server, 1);
  });
  afterAll(() => server.close());

  it('refuses plain http and private addresses', async () => {
    const app = await registerApp(server, anna, { scopes: ['pools:read'] });
    for (const url of [
      'http://127.0.0.1:9/hooks',
      'https://10.1.2.3/hooks',
      'https://192.168.0.7/hooks',
      'https://localhost/hooks',
    ]) {
      const res = await server.gql(
        SUBSCRIBE,
        { input: { appId: app.id, url, topics: ['pool.succeeded'] } },
        anna.token,
      );
      expect(res.data.createWebhookSubscription.userErrors).toEqual([
        { field: ['input', 'url'], code: 'INVALID' },
      ]);
    }
    const ok = await server.gql(
      SUBSCRIBE,
      { input: { appId: app.id, url: 'https://hooks.example.com/dorfmarkt', topics: ['pool.succeeded'] } },
      anna.token,
    );
    expect(ok.data.createWebhookSubscription.userErrors).toEqual([]);
  });
});

describe('webhooks across a crash', () => {
  it('loses nothing when the server is killed between the commit and the delivery', async () => {
    const hooks = await receiver(['hold']);
    const first = await startTestServer();
    const databaseUrl = first.databaseUrl;
    const { Anna, Ben } = await createUsers(first, ['Anna', 'Ben']);
    const shop = await createShop(first, { staff: [Anna] });
    const app = await registerApp(first, Anna, { scopes: ['reviews:read'] });
    await first.gql(
      SUBSCRIBE,
      { input: { appId: app.id, url: hooks.url, topics: ['review.created'] } },
      Anna.token,
    );
    await first.close();
    const doomed = await spawnServer(databaseUrl);
    let survivor: TestServer | null = null;
    try {
      const res = await fetch(`${doomed.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${Ben.token}` },
        body: JSON.stringify({
          query: `mutation($input: WriteReviewInput!) { writeReview(input: $input) { review { id } } }`,
          variables: { input: { productId: shop.product, rating: 5, title: 'Top', body: '' } },
        }),
      });
      expect(res.status).toBe(200);
      // Its attempt is under way (the receiver holds it) when the process dies: nothing was recorded.
      await until(() => hooks.received.length === 1);
      await doomed.stop('SIGKILL');
      survivor = await startTestServer({ databaseUrl });
      await until(() => hooks.received.length === 2, 30_000);
      expect(hooks.received[1].headers['webhook-id']).toBe(hooks.received[0].headers['webhook-id']);
      const delivered = await until(async () => {
        const list = await survivor!.gql(DELIVERIES, { id: app.id }, Anna.token);
        const [d] = list.data.app.webhookSubscriptions[0].deliveries.nodes;
        return d?.status === 'DELIVERED' ? d : null;
      });
      expect(delivered.attempts).toBe(1);
    } finally {
      await doomed.stop('SIGKILL');
      await survivor?.close();
      await hooks.close();
    }
  }, 60_000);
});
