import { type TestUser, createUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

describe('graphql-ws', () => {
  let server: TestServer;
  let anna: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    anna = await createUser(server);
  });
  afterAll(() => server.close());

  it('runs `me` as the user whose token came with connection_init', async () => {
    const socket = connectSocket(server.url, anna.token);
    expect(await socket.execute(ME)).toEqual({ data: { me: { id: anna.id, handle: anna.handle } } });
    await socket.close();
  });

  it('runs mutations over the socket as its viewer', async () => {
    const socket = connectSocket(server.url, anna.token);
    const res = await socket.execute(
      `mutation { updateProfile(input: { bio: "Over the socket" }) { user { bio } userErrors { code } } }`,
    );
    expect(res).toEqual({ data: { updateProfile: { user: { bio: 'Over the socket' }, userErrors: [] } } });
    await socket.close();
  });

  it('refuses an invalid token by closing with 4403', async () => {
    for (const token of ['garbage', anna.token.slice(0, -4) + 'AAAA']) {
      const socket = connectSocket(server.url, token);
      expect(await socket.closed).toBe(4403);
    }
  });

  it('treats a socket without a token as anonymous', async () => {
    const socket = connectSocket(server.url);
    expect(await socket.execute(ME)).toEqual({ data: { me: null } });
    const refused = await socket.execute(
      `mutation { updateProfile(input: { bio: "x" }) { userErrors { code } } }`,
    );
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    await socket.close();
  });

  it('answers a syntax error with an error message and keeps the socket open', async () => {
    const socket = connectSocket(server.url, anna.token);
    const broken = await socket.execute('{ me { ');
    expect(broken.errors).toEqual([
      expect.objectContaining({
        message: 'Syntax Error: Expected Name, found <EOF>.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);
    expect((await socket.execute(ME)).data).toEqual({ me: { id: anna.id, handle: anna.handle } });
    await socket.close();
  });

  it('pushes each event of a subscription until the client completes it', async () => {
    const socket = connectSocket(server.url);
    const ticks = socket.subscribe<{ testTicks: number }>('subscription { testTicks(everyMs: 20) }');
    expect(await ticks.next()).toEqual({ data: { testTicks: 1 } });
    expect(await ticks.next()).toEqual({ data: { testTicks: 2 } });
    ticks.dispose();
    await socket.close();
  });
});

const ME = /* GraphQL */ `
  {
    me {
      id
      handle
    }
  }
`;
