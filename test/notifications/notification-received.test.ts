import { sql } from '../helpers/database';
import { type TestUser, createUser } from '../helpers/factories';
import {
  createProduct,
  recommend,
  untilSubscribed,
  updatePrivacy,
  type TestProduct,
} from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';

describe('notificationReceived', () => {
  let server: TestServer;
  let anna: TestUser;
  let cheese: TestProduct;
  beforeAll(async () => {
    server = await startTestServer();
    const db = await sql(server.databaseUrl);
    anna = await createUser(server, { handle: 'anna_sub' });
    await server.gql(
      `mutation { updateProfile(input: { displayName: "Anna" }) { userErrors { code } } }`,
      {},
      anna.token,
    );
    cheese = await createProduct(server, { title: 'Bergkäse' });
    await db.close();
  });
  afterAll(() => server.close());

  it('pushes the viewer’s own new notifications, from any server instance, and nobody else’s', async () => {
    const ben = await createUser(server);
    const eve = await createUser(server);
    await updatePrivacy(server.gql, ben, { acceptRecommendationsFrom: 'PUBLIC' });
    await updatePrivacy(server.gql, eve, { acceptRecommendationsFrom: 'PUBLIC' });
    const other = await startTestServer({ databaseUrl: server.databaseUrl });
    const socket = connectSocket(server.url, ben.token);
    try {
      const sub = socket.subscribe(SUBSCRIPTION);
      await untilSubscribed(sub, () => recommend(server.gql, anna, cheese, [ben], 'probe'));
      await recommend(other.gql, anna, cheese, [eve], 'for eve');
      await recommend(other.gql, anna, cheese, [ben], 'for ben');
      const received: any[] = [];
      await sub.until(
        (data: any) =>
          received.push(data.notificationReceived) > 0 && data.notificationReceived.note === 'for ben',
        10_000,
      );
      expect(received.filter((n) => n.note !== 'probe')).toEqual([
        {
          id: expect.any(String),
          kind: 'PRODUCT_RECOMMENDED',
          message: 'Anna recommends Bergkäse.',
          note: 'for ben',
          actor: { handle: 'anna_sub' },
          readAt: null,
        },
      ]);
      await recommend(server.gql, anna, cheese, [ben], 'again');
      expect((await sub.next(10_000)).data?.notificationReceived.note).toBe('again');
      sub.dispose();
    } finally {
      await socket.close();
      await other.close();
    }
  });

  it('refuses an anonymous subscriber', async () => {
    const socket = connectSocket(server.url, null);
    try {
      const message = await socket.subscribe(SUBSCRIPTION).next(10_000);
      expect(message.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await socket.close();
    }
  });
});

const SUBSCRIPTION = `subscription { notificationReceived { id kind message note actor { handle } readAt } }`;
