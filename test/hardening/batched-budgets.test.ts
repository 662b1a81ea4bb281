import { RateLimiterMemory } from 'rate-limiter-flexible';
import { BatchedBudget } from '../../src/core/security/batched-budget';
import { batchOf } from '../../src/core/security/rate-limits';
import request from 'supertest';
import { startTestServer, type TestServer } from '../helpers/server';

function post(server: TestServer, ip: string, query: string) {
  return request(server.url)
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('x-forwarded-for', ip)
    .send({ query });
}

/** The shared store, as every instance sees it: a real limiter, which also counts how often it is asked. */
class CountingStore extends RateLimiterMemory {
  calls = 0;
  override consume(key: string | number, points?: number, options?: { [key: string]: unknown }) {
    this.calls++;
    return super.consume(key, points, options);
  }
}

/**
 * Request budgets are counted in each instance's memory and settled with the shared store in batches: no round
 * trip per request, and a budget exceeded by at most one batch per instance.
 */
describe('budgets counted in memory, settled in batches', () => {
  it('lets two instances through at most one batch each beyond the budget, in few round trips', async () => {
    const store = new CountingStore({ points: 1000, duration: 60 });
    const instances = [new BatchedBudget(store, 1000, 10), new BatchedBudget(store, 1000, 10)];
    try {
      let admitted = 0;
      // 1,500 requests of one key, arriving together at both instances.
      await Promise.all(
        Array.from({ length: 1500 }, async (_, i) => {
          if ((await instances[i % 2].consume('viewer')) < 0) admitted++;
        }),
      );
      expect(admitted).toBeGreaterThanOrEqual(1000);
      expect(admitted).toBeLessThanOrEqual(1000 + 2 * 10);
      expect(store.calls).toBeLessThanOrEqual(1500 / 10 + 10);
      // Once settled, both refuse, with the wait until the window ends.
      await new Promise((resolve) => setTimeout(resolve, 400));
      for (const instance of instances) {
        const wait = await instance.consume('viewer');
        expect(wait).toBeGreaterThan(50_000);
      }
      expect(await instances[0].consume('someone else')).toBe(-1);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });

  it('counts requests arriving slowly with at most one round trip per settling interval', async () => {
    const store = new CountingStore({ points: 1000, duration: 60 });
    const instance = new BatchedBudget(store, 1000, 10);
    try {
      for (let i = 0; i < 30; i++) {
        expect(await instance.consume('viewer')).toBe(-1);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(store.calls).toBeLessThan(10);
      await instance.close();
      expect((await store.get('viewer'))?.consumedPoints).toBe(30);
    } finally {
      await instance.close();
    }
  });

  it('counts small budgets exactly, each request asking the store', () => {
    expect(batchOf(6)).toBe(1);
    expect(batchOf(600)).toBe(6);
    expect(batchOf(1_000_000)).toBe(100);
  });

  describe('between two servers of one deployment', () => {
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      const env = { RATE_LIMIT_IP: '200', RATE_LIMIT_USER: '0', RATE_LIMIT_AUTH: '0', TRUST_PROXY: '1' };
      a = await startTestServer({ env });
      b = await startTestServer({ env, databaseUrl: a.databaseUrl });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('refuses past the budget and at most one batch per server', async () => {
      const ip = `10.9.${Math.floor(Math.random() * 250)}.1`;
      let ok = 0;
      for (let i = 0; i < 240; i++) {
        const res = await post(i % 2 ? b : a, ip, '{ __typename }');
        if (res.status === 200) ok++;
        else expect(res.status).toBe(429);
      }
      expect(ok).toBeGreaterThanOrEqual(200);
      expect(ok).toBeLessThanOrEqual(200 + 2 * batchOf(200));
    });
  });
});
