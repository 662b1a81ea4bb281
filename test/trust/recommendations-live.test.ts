import { createTestDatabase } from '../helpers/database';
import { type TestUser, createUser } from '../helpers/factories';
import { type ServerProcess, spawnServer } from '../helpers/process';
import { type GraphQLClient, graphqlClient } from '../helpers/server';
import { connectSocket, type Subscription } from '../helpers/ws-client';
import { trust, untrust } from '../helpers/trust-factories';

jest.setTimeout(90_000);

interface Recommendation {
  user: { id: string; handle: string };
  mutualCount: number;
  via: Array<{ handle: string }>;
  reason: string;
}
type Pushed = { friendRecommendationsChanged: Recommendation[] };

/**
 * Two server processes on one database, each with its own event-bus connection (PostgreSQL LISTEN/NOTIFY, or
 * Redis when TEST_REDIS_URL is set): Anna subscribes on the first, every change is made on the second.
 */
describe('live friend recommendations across server instances', () => {
  let one: ServerProcess;
  let two: ServerProcess;
  let onTwo: GraphQLClient;
  let anna: TestUser, bernd: TestUser, clara: TestUser, dieter: TestUser, eva: TestUser;
  let greta: TestUser, hans: TestUser, nudge: TestUser;
  let socket: ReturnType<typeof connectSocket>;
  let sub: Subscription<Pushed>;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    [one, two] = await Promise.all([spawnServer(databaseUrl), spawnServer(databaseUrl)]);
    onTwo = graphqlClient(two.url);
    [anna, bernd, clara, dieter, eva, greta, hans, nudge] = await Promise.all(
      Array.from({ length: 8 }, () => createUser({ databaseUrl })),
    );
    // Anna and Bernd trust each other, so Anna may see Bernd's trust list (the default audience).
    await trust(onTwo, anna, bernd.id, 5);
    await trust(onTwo, bernd, anna.id, 4);
    socket = connectSocket(one.url, anna.token);
    sub = socket.subscribe<Pushed>(LIVE);
    await untilListening(sub, (step) =>
      step % 2 ? untrust(onTwo, bernd, nudge.id) : trust(onTwo, bernd, nudge.id, 3),
    );
  });

  afterAll(async () => {
    sub?.dispose();
    await socket?.close();
    await Promise.all([one?.stop(), two?.stop()]);
  });

  it('uses the configured event backend in each process', () => {
    const backend = process.env.TEST_REDIS_URL ? 'redis' : 'postgres';
    for (const server of [one, two]) expect(server.output()).toContain(`"events":"${backend}"`);
  });

  it('pushes the new list, with the intermediary, when someone the viewer trusts trusts someone new', async () => {
    await trust(onTwo, bernd, clara.id, 5);
    const pushed = await sub.until(
      (d) => d.friendRecommendationsChanged.some((r) => r.user.id === clara.id),
      20_000,
    );
    expect(pushed.friendRecommendationsChanged.find((r) => r.user.id === clara.id)).toEqual({
      user: { id: clara.id, handle: clara.handle },
      mutualCount: 1,
      via: [{ handle: bernd.handle }],
      reason: `Trusted by ${bernd.handle}, whom you trust.`,
    });
  });

  it('pushes nothing for changes out of reach or that leave the list as it was', async () => {
    await trust(onTwo, eva, dieter.id, 5); // between two strangers to Anna
    await trust(onTwo, anna, dieter.id, 2); // Anna trusts Dieter directly; he was no candidate
    await trust(onTwo, bernd, dieter.id, 4); // Dieter is trusted already: no recommendation
    await trust(onTwo, bernd, eva.id, 2); // this one changes the list
    const next = await sub.next(20_000);
    const handles = next.data!.friendRecommendationsChanged.map((r) => r.user.handle);
    expect(handles).toContain(eva.handle);
    expect(handles).not.toContain(dieter.handle);
  });

  it('names an intermediary as soon as their trust list opens to the viewer', async () => {
    await trust(onTwo, anna, greta.id, 3);
    await trust(onTwo, greta, hans.id, 5);
    const hidden = await sub.next(20_000);
    expect(hidden.data!.friendRecommendationsChanged.find((r) => r.user.id === hans.id)?.via).toEqual([]);
    await trust(onTwo, greta, anna.id, 1);
    const named = await sub.next(20_000);
    expect(named.data!.friendRecommendationsChanged.find((r) => r.user.id === hans.id)?.via).toEqual([
      { handle: greta.handle },
    ]);
  });

  it('refuses an anonymous subscriber', async () => {
    const anonymous = connectSocket(one.url);
    try {
      const message = await anonymous.subscribe(LIVE).next(20_000);
      expect(message.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await anonymous.close();
    }
  });

  it('pushes the list without someone the viewer blocks', async () => {
    const block = await socket.execute(BLOCK, { input: { userId: clara.id } });
    expect(block.data).toEqual({ blockUser: { userErrors: [] } });
    const next = await sub.next(20_000);
    expect(next.data!.friendRecommendationsChanged.map((r) => r.user.id)).not.toContain(clara.id);
  });
});

/**
 * A subscription starts listening shortly after the subscribe message; nothing tells the client when. Until a
 * first push arrives, make a change that alters the viewer's list every second or so. Pushes caused by these
 * changes come before any later one, and the tests skip them with `until`.
 */
async function untilListening(
  sub: Subscription<Pushed>,
  change: (step: number) => Promise<void>,
): Promise<void> {
  let state: 'waiting' | 'listening' | Error = 'waiting';
  const first = sub
    .until(() => true, 60_000)
    .then(
      () => void (state = 'listening'),
      (error: Error) => void (state = error),
    );
  for (let step = 0; state === 'waiting'; step++) {
    await change(step);
    await Promise.race([first, new Promise((r) => setTimeout(r, 1000))]);
  }
  if (state !== 'listening') throw state;
}

const LIVE = /* GraphQL */ `
  subscription Live {
    friendRecommendationsChanged {
      user {
        id
        handle
      }
      mutualCount
      via {
        handle
      }
      reason
    }
  }
`;

const BLOCK = /* GraphQL */ `
  mutation Block($input: BlockUserInput!) {
    blockUser(input: $input) {
      userErrors {
        code
      }
    }
  }
`;
