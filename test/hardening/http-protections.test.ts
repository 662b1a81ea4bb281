import request from 'supertest';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

describe('HTTP protections', () => {
  describe('CSRF prevention', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.close());

    it('refuses a simple request a browser form could send: POST as text/plain, or GET without a header', async () => {
      const form = await request(server.url)
        .post('/graphql')
        .set('content-type', 'text/plain')
        .send('{"query":"mutation { logout(input: { refreshToken: \\"x\\" }) { userErrors { code } } }"}');
      const get = await request(server.url).get('/graphql').query({ query: '{ me { id } }' });
      for (const res of [form, get]) {
        expect(res.status).toBe(400);
        expect(res.body.errors[0].message).toMatch(
          /^This operation has been blocked as a potential Cross-Site Request Forgery/,
        );
      }
    });

    it('answers GET queries that carry a preflight header, and refuses mutations over GET', async () => {
      const query = await request(server.url)
        .get('/graphql')
        .query({ query: '{ __typename }' })
        .set('apollo-require-preflight', 'true');
      expect(query.status).toBe(200);
      expect(query.body).toEqual({ data: { __typename: 'Query' } });
      const mutation = await request(server.url)
        .get('/graphql')
        .query({ query: 'mutation { logout(input: { refreshToken: "x" }) { userErrors { code } } }' })
        .set('apollo-require-preflight', 'true');
      expect(mutation.status).toBe(405);
    });
  });

  describe('CORS', () => {
    let open: TestServer;
    let closed: TestServer;
    beforeAll(async () => {
      open = await startTestServer({ env: { CORS_ORIGINS: 'https://shop.example,https://app.example' } });
      closed = await startTestServer({ databaseUrl: open.databaseUrl });
    });
    afterAll(async () => {
      await open.close();
      await closed.close();
    });

    const preflight = (server: TestServer, origin: string) =>
      request(server.url)
        .options('/graphql')
        .set('origin', origin)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'content-type, authorization');

    it('answers the preflight of a listed origin with what it may send', async () => {
      const res = await preflight(open, 'https://shop.example');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
      expect(res.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
      expect(res.headers['access-control-allow-headers']).toContain('authorization');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers.vary).toBe('Origin');
    });

    it('grants nothing to an origin not listed, nor to any when none is configured', async () => {
      for (const res of [
        await preflight(open, 'https://evil.example'),
        await preflight(closed, 'https://shop.example'),
      ]) {
        expect(res.status).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
    });

    it('marks actual responses for a listed origin, with the headers a client may read', async () => {
      const res = await request(open.url)
        .post('/graphql')
        .set('origin', 'https://app.example')
        .set('content-type', 'application/json')
        .send({ query: '{ __typename }' });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example');
      expect(res.headers['access-control-expose-headers']).toBe('retry-after, x-request-id');
    });
  });

  describe('in production', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ env: { NODE_ENV: 'production' } });
    });
    afterAll(() => server.close());

    it('hides field suggestions over HTTP and WebSocket', async () => {
      const http = await server.gql('{ mee { id } }');
      expect(http.status).toBe(400);
      expect(http.errors).toEqual([
        {
          message: 'Cannot query field "mee" on type "Query".',
          locations: [{ line: 1, column: 3 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
      const socket = connectSocket(server.url);
      const ws = await socket.execute('{ mee { id } }');
      await socket.close();
      expect(ws.errors).toEqual(http.errors);
    });

    it('hides suggestions in variable errors too', async () => {
      const res = await server.gql('query ($i: LoginInput!) { login(input: $i) { userErrors { code } } }', {
        i: { emial: 'a@example.com', password: 'x' },
      });
      expect(res.status).toBe(400);
      expect(res.errors?.map((e) => e.message).join(' ')).not.toMatch(/Did you mean/);
    });

    it('sends no stack traces and does not mount the test hooks', async () => {
      const res = await server.gql('{ testSleep(ms: 1) }');
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|\bat .*\.js:\d+/);
    });
  });

  describe('outside production', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.close());

    it('still suggests fields, and echoes or makes a request id', async () => {
      const res = await request(server.url)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('x-request-id', 'trace-me-42')
        .send({ query: '{ mee { id } }' });
      expect(res.body.errors[0].message).toBe('Cannot query field "mee" on type "Query". Did you mean "me"?');
      expect(res.headers['x-request-id']).toBe('trace-me-42');
      const fresh = await request(server.url)
        .post('/graphql')
        .set('content-type', 'application/json')
        .send({ query: '{ __typename }' });
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers unknown paths with 404', async () => {
      const res = await request(server.url).get('/graphiql');
      expect(res.status).toBe(404);
    });
  });
});
