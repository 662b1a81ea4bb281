import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { RateLimits } from '../../src/core/security/rate-limits';
import { type TestUser, createUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

/**
 * Budgets with small explicit numbers. The servers trust one proxy (TRUST_PROXY=1), so each test speaks from
 * addresses of its own through X-Forwarded-For and no test spends another's budget.
 */
describe('rate limits', () => {
  /** POSTs as if from `ip`, optionally signed in. */
  function post(server: TestServer, ip: string, query: string, variables = {}, token?: string) {
    let req = request(server.url)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', ip);
    if (token) req = req.set('authorization', `Bearer ${token}`);
    return req.send({ query, variables });
  }

  /** A limited server, with two users made through an unlimited one on the same database. */
  async function limitedServer(env: Record<string, string>) {
    const setup = await startTestServer();
    const users = [await createUser(setup), await createUser(setup)];
    await setup.close();
    const server = await startTestServer({
      databaseUrl: setup.databaseUrl,
      env: { TRUST_PROXY: '1', ...env },
    });
    return { server, users };
  }

  describe('per user and per IP', () => {
    let server: TestServer;
    let anna: TestUser;
    let ben: TestUser;
    beforeAll(async () => {
      ({
        server,
        users: [anna, ben],
      } = await limitedServer({ RATE_LIMIT_USER: '5', RATE_LIMIT_IP: '4' }));
    });
    afterAll(() => server.close());

    it('refuses the request after the per-IP budget with 429, the code and a retry hint', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(server, '10.0.0.1', ME)).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
      const refused = await post(server, '10.0.0.1', ME);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body).toEqual({
        errors: [
          {
            message: `Too many requests; try again in ${retryAfter} seconds.`,
            extensions: { code: 'RATE_LIMITED', retryAfter, limit: 'ip' },
          },
        ],
      });
    });

    it('leaves other addresses alone', async () => {
      for (let i = 0; i < 5; i++) await post(server, '10.0.0.2', ME);
      expect((await post(server, '10.0.0.2', ME)).status).toBe(429);
      expect((await post(server, '10.0.0.3', ME)).status).toBe(200);
    });

    it('counts a signed-in user against their own budget, wherever they come from, and not others', async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await post(server, `10.1.0.${i}`, ME, {}, anna.token)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await post(server, '10.1.0.9', ME, {}, anna.token);
      expect(refused.body.errors[0].extensions).toEqual({
        code: 'RATE_LIMITED',
        retryAfter: expect.any(Number),
        limit: 'user',
      });
      const other = await post(server, '10.1.0.9', ME, {}, ben.token);
      expect(other.status).toBe(200);
      expect(other.body.data.me.handle).toBe(ben.handle);
    });

    it('ignores addresses a client forges to the left of what the trusted proxy appended', async () => {
      for (let i = 0; i < 4; i++) await post(server, `1.2.3.${i}, 10.0.0.4`, ME);
      expect((await post(server, '9.9.9.9, 10.0.0.4', ME)).status).toBe(429);
    });

    it('counts WebSocket operations too, as the socket’s viewer or address', async () => {
      // The socket comes from 127.0.0.1 without a forwarded address: a budget no other test uses.
      const socket = connectSocket(server.url);
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await socket.execute(ME));
      expect(results.slice(0, 4)).toEqual(Array(4).fill({ data: { me: null } }));
      expect(results[4].errors).toEqual([
        {
          message: expect.stringMatching(/^Too many requests; try again in \d+ seconds\.$/),
          extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number), limit: 'ip' },
        },
      ]);
      await socket.close();
      const signedIn = connectSocket(server.url, ben.token);
      expect((await signedIn.execute(ME)).data).toEqual({ me: { handle: ben.handle } });
      await signedIn.close();
    });
  });

  describe('login and sign-up attempts', () => {
    let server: TestServer;
    let anna: TestUser;
    let ben: TestUser;
    beforeAll(async () => {
      ({
        server,
        users: [anna, ben],
      } = await limitedServer({ RATE_LIMIT_AUTH: '3' }));
    });
    afterAll(() => server.close());

    const login = (ip: string, email: string) =>
      post(server, ip, LOGIN, { input: { email, password: 'wrong password!' } });

    it('refuses a fourth attempt from one address, and leaves the guessed account to others', async () => {
      const first = [];
      for (let i = 0; i < 3; i++)
        first.push((await login('10.2.0.1', anna.email)).body.data.login.userErrors[0].code);
      expect(first).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);

      const sameAddress = await login('10.2.0.1', ben.email);
      expect(sameAddress.status).toBe(429);
      expect(Number(sameAddress.headers['retry-after'])).toBeGreaterThan(60);
      expect(sameAddress.body.errors).toEqual([
        {
          message: expect.stringMatching(/^Too many requests; try again in \d+ seconds\.$/),
          extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number), limit: 'auth' },
        },
      ]);
      const sameAccount = await login('10.2.0.2', anna.email.toUpperCase());
      expect(sameAccount.body.data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
      const owner = await post(server, '10.2.0.3', LOGIN, {
        input: { email: anna.email, password: anna.password },
      });
      expect(owner.body.data.login).toEqual({ accessToken: expect.any(String), userErrors: [] });
    });

    it('counts every aliased login in one request, through fragments and inline arguments alike', async () => {
      const res = await post(
        server,
        '10.2.1.1',
        `mutation Guess($a: LoginInput!) {
           a: login(input: $a) { userErrors { code } }
           ...More
         }
         fragment More on Mutation {
           b: login(input: { email: "x1@example.com", password: "guess number 2" }) { userErrors { code } }
           ... on Mutation { c: login(input: { email: "x2@example.com", password: "guess number 3" }) { userErrors { code } } }
           d: login(input: { email: "x3@example.com", password: "guess number 4" }) { userErrors { code } }
         }`,
        { a: { email: 'x0@example.com', password: 'guess number 1' } },
      );
      expect(res.status).toBe(429);
      expect(res.body.errors[0].extensions.limit).toBe('auth');
      expect(res.body.data).toBeUndefined();
    });

    it('counts sign-ups the same way, per address', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await post(server, '10.2.2.1', SIGN_UP, {
          input: { email: `new${i}@example.com`, password: 'short', handle: `n${i}x`, displayName: 'N' },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    });

    it('refuses a login over WebSocket once the address has spent its attempts', async () => {
      const socket = connectSocket(server.url);
      const results = [];
      for (let i = 0; i < 4; i++)
        results.push(
          await socket.execute(LOGIN, { input: { email: `w${i}@example.com`, password: 'wrong password!' } }),
        );
      expect(results.slice(0, 3).map((r) => r.data?.login.userErrors[0].code)).toEqual([
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
        'INVALID_CREDENTIALS',
      ]);
      expect(results[3].errors?.[0].extensions).toEqual({
        code: 'RATE_LIMITED',
        retryAfter: expect.any(Number),
        limit: 'auth',
      });
      await socket.close();
    });
  });

  describe('failed logins, per account and address', () => {
    let server: TestServer;
    let anna: TestUser;
    beforeAll(async () => {
      ({
        server,
        users: [anna],
      } = await limitedServer({ RATE_LIMIT_AUTH: '20', AUTH_FREE_FAILURES: '5' }));
    });
    afterAll(() => server.close());

    const login = (ip: string, password: string) =>
      post(server, ip, LOGIN, { input: { email: anna.email, password } });
    const outcome = (res: request.Response) =>
      res.status === 429
        ? `429 ${res.body.errors[0].extensions.retryAfter}s`
        : res.body.data.login.userErrors[0]?.code;

    it('lets the owner in after twenty wrong passwords for their email from elsewhere', async () => {
      const guesses = [];
      for (let i = 0; i < 20; i++) guesses.push(outcome(await login('10.5.0.1', `wrong guess ${i}`)));
      const spread = Array.from({ length: 20 }, (_, i) => login(`10.5.1.${i}`, `wrong guess ${i}`));
      for (const res of await Promise.all(spread)) guesses.push(outcome(res));
      // The guessing address backs off after its five free failures; the twenty other addresses fail once each.
      expect(guesses.slice(0, 6)).toEqual([...Array(5).fill('INVALID_CREDENTIALS'), '429 1s']);
      expect(guesses.slice(20)).toEqual(Array(20).fill('INVALID_CREDENTIALS'));

      const owner = await login('10.5.9.9', anna.password);
      expect(owner.status).toBe(200);
      expect(owner.body.data.login).toEqual({ accessToken: expect.any(String), userErrors: [] });
      // Each wrong password costs an argon2 check: slow on purpose, and slower on a busy machine.
    }, 120_000);

    it('backs the guessing pair off, doubling each wait, and a correct password starts it afresh', async () => {
      const ip = '10.5.2.1';
      const seen = [];
      for (let i = 0; i < 6; i++) seen.push(outcome(await login(ip, `wrong guess ${i}`)));
      expect(seen).toEqual([...Array(5).fill('INVALID_CREDENTIALS'), '429 1s']);
      await sleep(1100);
      expect(outcome(await login(ip, 'wrong again!'))).toBe('INVALID_CREDENTIALS');
      // The wait is now 2 s (1 s when a busy machine took a second to get here): the correct password waits too.
      expect(outcome(await login(ip, anna.password))).toMatch(/^429 [12]s$/);
      await sleep(2100);
      const owner = await login(ip, anna.password);
      expect(owner.body.data.login.userErrors).toEqual([]);
      expect(outcome(await login(ip, 'wrong once more'))).toBe('INVALID_CREDENTIALS');
    }, 60_000);
  });

  describe('invalid bearer tokens', () => {
    let server: TestServer;
    beforeAll(async () => {
      ({ server } = await limitedServer({ RATE_LIMIT_IP: '4', RATE_LIMIT_USER: '0' }));
    });
    afterAll(() => server.close());

    it('counts requests with an invalid token against the address, as anonymous ones', async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await post(server, '10.6.0.1', ME, {}, 'garbage.token.x')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      expect((await post(server, '10.6.0.1', ME)).status).toBe(429);
      expect((await post(server, '10.6.0.2', ME, {}, 'garbage.token.x')).status).toBe(401);
    });

    it('counts a socket refused for its token against the address too', async () => {
      // Sockets come from 127.0.0.1, a budget no other test here spends.
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push(await connectSocket(server.url, 'garbage.token.x').closed);
      expect(codes).toEqual([4403, 4403, 4403, 4403]);
      const socket = connectSocket(server.url);
      expect((await socket.execute(ME)).errors?.[0].extensions.limit).toBe('ip');
      await socket.close();
    });
  });

  describe('when the store is unreachable', () => {
    it('counts in the memory of the instance instead, refusing neither everyone nor no one', async () => {
      const config = loadConfig({ RATE_LIMIT_IP: '2', RATE_LIMIT_USER: '0', RATE_LIMIT_AUTH: '0' });
      const limits = await RateLimits.create({
        config,
        databaseUrl: 'postgres://postgres@127.0.0.1:1/none',
        logger: createLogger('silent'),
      });
      try {
        const verdicts = [];
        for (let i = 0; i < 3; i++) verdicts.push(await limits.request(null, '10.4.0.1'));
        expect(verdicts).toEqual([null, null, { limit: 'ip', retryAfter: expect.any(Number) }]);
        expect(await limits.request(null, '10.4.0.2')).toBeNull();
      } finally {
        await limits.close();
      }
    });
  });

  describe('across instances', () => {
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      const env = { RATE_LIMIT_IP: '6', RATE_LIMIT_USER: '0', RATE_LIMIT_AUTH: '0', TRUST_PROXY: '1' };
      a = await startTestServer({ env });
      b = await startTestServer({ env, databaseUrl: a.databaseUrl });
    });
    afterAll(async () => {
      await a.close();
      await b.close();
    });

    it('shares one budget between two instances of one deployment', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await post(a, '10.3.0.1', ME)).status);
        statuses.push((await post(b, '10.3.0.1', ME)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    });

    it('switches a limit off with 0', async () => {
      const off = await startTestServer({ databaseUrl: a.databaseUrl, env: { RATE_LIMIT_IP: '0' } });
      try {
        const statuses = new Set<number>();
        for (let i = 0; i < 20; i++) statuses.add((await off.gql(ME)).status);
        expect([...statuses]).toEqual([200]);
      } finally {
        await off.close();
      }
    });
  });
});

const ME = /* GraphQL */ `
  {
    me {
      handle
    }
  }
`;

const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      userErrors {
        code
      }
    }
  }
`;

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      userErrors {
        code
      }
    }
  }
`;
