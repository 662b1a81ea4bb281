import { createHash } from 'node:crypto';
import request from 'supertest';
import { startTestServer, type TestServer } from '../helpers/server';
import { redisAvailable, startRedis } from './support';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** POSTs an automatic persisted query: the hash, and the text only when `withQuery`. */
function persisted(server: TestServer, query: string, withQuery: boolean) {
  const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
  return request(server.url)
    .post('/graphql')
    .set('content-type', 'application/json')
    .send(withQuery ? { query, extensions } : { extensions });
}

const QUERY = 'query Typename { __typename }';

describe('automatic persisted queries', () => {
  describe('in memory, per instance (no REDIS_URL)', () => {
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      a = await startTestServer({ env: { REDIS_URL: '' } });
      b = await startTestServer({ databaseUrl: a.databaseUrl, env: { REDIS_URL: '' } });
    });
    afterAll(async () => {
      await a.close();
      await b.close();
    });

    it('asks for the text of an unknown hash, stores it, then answers the hash alone', async () => {
      const miss = await persisted(a, QUERY, false);
      expect(miss.status).toBe(200);
      expect(miss.body).toEqual({
        errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
      });
      expect((await persisted(a, QUERY, true)).body).toEqual({ data: { __typename: 'Query' } });
      expect((await persisted(a, QUERY, false)).body).toEqual({ data: { __typename: 'Query' } });
      // Another instance keeps its own cache: the client registers there once more.
      expect((await persisted(b, QUERY, false)).body.errors[0].extensions.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
    });

    it('refuses a text that does not match its hash', async () => {
      const res = await request(a.url)
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({
          query: QUERY,
          extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
        });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toEqual({
        message: 'provided sha does not match query',
        extensions: { code: 'BAD_REQUEST' },
      });
    });

    it('never stores a query the limits refuse', async () => {
      const bomb = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      expect((await persisted(a, bomb, true)).status).toBe(400);
      expect((await persisted(a, bomb, false)).body.errors[0].extensions.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
    });
  });

  (redisAvailable ? describe : describe.skip)('shared through Redis (REDIS_URL)', () => {
    let redis: Awaited<ReturnType<typeof startRedis>>;
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      redis = await startRedis();
      a = await startTestServer({ env: { REDIS_URL: redis.url } });
      b = await startTestServer({ databaseUrl: a.databaseUrl, env: { REDIS_URL: redis.url } });
    });
    afterAll(async () => {
      await a.close();
      await b.close();
      await redis.stop();
    });

    it('knows on every instance a query registered on one', async () => {
      const query = `query Shared${Date.now()} { __typename }`;
      expect((await persisted(b, query, false)).body.errors[0].extensions.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
      expect((await persisted(a, query, true)).body).toEqual({ data: { __typename: 'Query' } });
      expect((await persisted(b, query, false)).body).toEqual({ data: { __typename: 'Query' } });
    });
  });
});
