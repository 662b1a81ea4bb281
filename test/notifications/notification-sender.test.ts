import { Database } from '../../src/core/db/database';
import { toGlobalId } from '../../src/core/relay/global-id';
import { NotificationSenderService } from '../../src/notifications/notification-sender.service';
import type { DomainModule } from '../../src/core/module';
import { textOf } from '../../src/notifications/notification-kinds';
import { type TestUser, createUser } from '../helpers/factories';
import { untilSubscribed, updatePrivacy } from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectSocket } from '../helpers/ws-client';
import { dbId } from '../helpers/database';

/** A kind as another slice would declare it: about a user, with the system as actor. */
const welcomeModule: DomainModule = {
  name: 'welcome',
  entities: [],
  resolvers: [],
  notificationKinds: [
    {
      kind: 'TEST_WELCOME',
      message: (_actor, data) => `Welcome, ${textOf(data, 'name')}!`,
      subject: (data) => toGlobalId('User', data.userId as string),
    },
  ],
};

/** NotificationSenderService, as other slices use it (pool invitations, answers, awards, cancellations). */
describe('NotificationSenderService', () => {
  let server: TestServer;
  let sender: NotificationSenderService;
  let db: Database;
  beforeAll(async () => {
    server = await startTestServer({ extraModules: [welcomeModule] });
    sender = server.container.get(NotificationSenderService);
    db = server.container.get(Database);
  });
  afterAll(() => server.close());

  const inbox = async (user: TestUser) =>
    (
      await server.gql(
        `query { me { notifications { totalCount nodes { kind message actor { id } subject { id ... on User { handle bio } } } } } }`,
        {},
        user.token,
      )
    ).data.me.notifications;

  it('stores a notification of a registered kind, with its message and its subject as the viewer may see it', async () => {
    const ben = await createUser(server);
    const hidden = await createUser(server);
    await server.gql(
      `mutation { updateProfile(input: { bio: "Secret" }) { userErrors { code } } }`,
      {},
      hidden.token,
    );
    await updatePrivacy(server.gql, hidden, { profileAudience: 'PRIVATE' });
    await sender.send(dbId(ben.id), 'TEST_WELCOME', { userId: dbId(hidden.id), name: 'Ben' });
    await sender.send(dbId(ben.id), 'SOMETHING_UNKNOWN', {}, dbId(hidden.id));
    const { totalCount, nodes } = await inbox(ben);
    expect(totalCount).toBe(2);
    expect(nodes).toEqual(
      expect.arrayContaining([
        {
          kind: 'SOMETHING_UNKNOWN',
          message: `${hidden.handle} has news for you.`,
          actor: { id: hidden.id },
          subject: null,
        },
        {
          kind: 'TEST_WELCOME',
          message: 'Welcome, Ben!',
          actor: null,
          subject: { id: hidden.id, handle: hidden.handle, bio: null },
        },
      ]),
    );
  });

  it('neither stores nor pushes a notification whose transaction rolls back', async () => {
    const ben = await createUser(server);
    const socket = connectSocket(server.url, ben.token);
    try {
      const sub = socket.subscribe(`subscription { notificationReceived { kind message } }`);
      await untilSubscribed(sub, () =>
        sender.send(dbId(ben.id), 'TEST_WELCOME', { userId: dbId(ben.id), name: 'probe' }),
      );
      await expect(
        db.transaction(async () => {
          await sender.send(dbId(ben.id), 'TEST_WELCOME', { userId: dbId(ben.id), name: 'rolled back' });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await sender.send(dbId(ben.id), 'TEST_WELCOME', { userId: dbId(ben.id), name: 'kept' });
      // Late probes may still arrive first; the next message after them must be the kept one.
      const next = await sub.until((d: any) => d.notificationReceived.message !== 'Welcome, probe!', 10_000);
      expect(next).toEqual({ notificationReceived: { kind: 'TEST_WELCOME', message: 'Welcome, kept!' } });
      const messages = (await inbox(ben)).nodes.map((n: { message: string }) => n.message);
      expect(messages).not.toContain('Welcome, rolled back!');
      expect(messages).toContain('Welcome, kept!');
      sub.dispose();
    } finally {
      await socket.close();
    }
  });
});
