import jwt from 'jsonwebtoken';
import { createUser, type TestUser } from '../helpers/factories';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

/**
 * Tokens signed with the right secret but with claims the server never issues. Each is refused as any invalid
 * token is: HTTP 401 UNAUTHENTICATED, a WebSocket closed with 4403; never a server error, never accepted.
 */
describe('correctly signed tokens with odd claims', () => {
  let server: TestServer;
  let anna: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    anna = await createUser(server);
  });
  afterAll(() => server.close());

  const annaId = () => Buffer.from(anna.id, 'base64url').toString().split(':')[1];
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (payload: Record<string, unknown>) =>
    jwt.sign(payload, TEST_JWT_SECRET, { algorithm: 'HS256', noTimestamp: !('iat' in payload) });
  const claims = () => ({ sub: annaId(), sv: 0, iss: 'dorfmarkt', iat: now(), exp: now() + 600 });
  const without = (key: string) => Object.fromEntries(Object.entries(claims()).filter(([k]) => k !== key));

  const odd: Array<[string, () => string]> = [
    ['no exp', () => sign(without('exp'))],
    ['an iat a year ahead', () => sign({ ...claims(), iat: now() + 365 * 86400, exp: now() + 366 * 86400 })],
    ['a sub that is not a UUID', () => sign({ ...claims(), sub: 'not-a-uuid' })],
    ['a sub of SQL', () => sign({ ...claims(), sub: "' OR 1=1 --" })],
    ['a session version that is text', () => sign({ ...claims(), sv: '0' })],
  ];

  it('accepts a token with the claims the server issues, as the control', async () => {
    const res = await server.gql('{ me { handle } }', {}, sign(claims()));
    expect(res.data).toEqual({ me: { handle: anna.handle } });
  });

  it.each(odd)('answers a token with %s with 401 over HTTP and 4403 over WebSocket', async (_what, make) => {
    const token = make();
    const res = await server.gql('{ me { handle } }', {}, token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      errors: [
        { message: 'The access token is invalid or expired.', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
    expect(await connectSocket(server.url, token).closed).toBe(4403);
  });
});
