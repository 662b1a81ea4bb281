import { toGlobalId } from '../../src/core/relay/global-id';
import { sql } from '../helpers/database';
import { type TestUser, createUser, addTrust, addBlock } from '../helpers/factories';
import { createProduct, recommend, updatePrivacy, type TestProduct } from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { countStatements } from '../helpers/sql-counter';

describe('word of mouth and notifications', () => {
  let server: TestServer;
  let db: Awaited<ReturnType<typeof sql>>;
  let anna: TestUser;
  let cheese: TestProduct;
  beforeAll(async () => {
    server = await startTestServer();
    db = await sql(server.databaseUrl);
    anna = await createUser(server, { handle: 'anna_wom' });
    await server.gql(
      `mutation { updateProfile(input: { displayName: "Anna" }) { userErrors { code } } }`,
      {},
      anna.token,
    );
    cheese = await createProduct(server, { title: 'Bergkäse' });
  });
  afterAll(async () => {
    await db.close();
    await server.close();
  });

  const inbox = async (user: TestUser, args = '') => {
    const res = await server.gql(
      `query { me { notifications${args} { totalCount nodes { id kind message note readAt actor { handle } } } } }`,
      {},
      user.token,
    );
    return res.data.me.notifications;
  };

  it('delivers a recommendation to someone who trusts the sender, with who, what and the note', async () => {
    const ben = await createUser(server);
    await addTrust(db, ben, anna);
    expect(await recommend(server.gql, anna, cheese, [ben], '  Würzig und mild!  ')).toEqual({
      userErrors: [],
    });
    expect(await inbox(ben)).toEqual({
      totalCount: 1,
      nodes: [
        {
          id: expect.any(String),
          kind: 'PRODUCT_RECOMMENDED',
          message: 'Anna recommends Bergkäse.',
          note: 'Würzig und mild!',
          readAt: null,
          actor: { handle: 'anna_wom' },
        },
      ],
    });
  });

  it('skips, silently, everyone whose accepted audience leaves the sender out', async () => {
    const [trusting, notTrusting, open, closed, blocking] = [
      await createUser(server),
      await createUser(server),
      await createUser(server),
      await createUser(server),
      await createUser(server),
    ];
    await addTrust(db, trusting, anna);
    await addTrust(db, closed, anna);
    await addTrust(db, blocking, anna);
    await db.query('DELETE FROM trust_edges WHERE truster_id = (SELECT id FROM users WHERE handle = $1)', [
      blocking.handle,
    ]);
    await addBlock(db, blocking, anna);
    await updatePrivacy(server.gql, open, { acceptRecommendationsFrom: 'PUBLIC' });
    await updatePrivacy(server.gql, closed, { acceptRecommendationsFrom: 'PRIVATE' });
    await updatePrivacy(server.gql, blocking, { acceptRecommendationsFrom: 'PUBLIC' });

    const result = await recommend(server.gql, anna, cheese, [trusting, notTrusting, open, closed, blocking]);
    expect(result).toEqual({ userErrors: [] });
    const counts = Object.fromEntries(
      await Promise.all(
        Object.entries({ trusting, notTrusting, open, closed, blocking }).map(
          async ([name, user]) => [name, (await inbox(user)).totalCount] as const,
        ),
      ),
    );
    expect(counts).toEqual({ trusting: 1, notTrusting: 0, open: 1, closed: 0, blocking: 0 });
  });

  it('accepts only the people one trusts oneself, not those they trust', async () => {
    const carla = await createUser(server);
    const dora = await createUser(server);
    await addTrust(db, carla, dora);
    await addTrust(db, dora, anna);
    await recommend(server.gql, anna, cheese, [carla]);
    expect((await inbox(carla)).totalCount).toBe(0);
  });

  it('refuses an unknown product, unknown people and oneself with userErrors naming each, and sends nothing', async () => {
    const ben = await createUser(server);
    await addTrust(db, ben, anna);
    const nobody = toGlobalId('User', '00000000-0000-4000-8000-000000000000');
    const res = await server.gql(
      RECOMMEND,
      {
        input: {
          productId: toGlobalId('Product', '00000000-0000-4000-8000-000000000001'),
          toUserIds: [ben.id, nobody, anna.id, cheese.id],
          note: '',
        },
      },
      anna.token,
    );
    expect(res.data.recommendProduct.userErrors).toEqual([
      { field: ['input', 'productId'], code: 'NOT_FOUND', message: 'There is no such product.' },
      { field: ['input', 'toUserIds', '1'], code: 'NOT_FOUND', message: 'There is no such person.' },
      {
        field: ['input', 'toUserIds', '2'],
        code: 'SELF_REFERENCE',
        message: 'You cannot recommend to yourself.',
      },
      { field: ['input', 'toUserIds', '3'], code: 'NOT_FOUND', message: 'There is no such person.' },
    ]);
    expect((await inbox(ben)).totalCount).toBe(0);
  });

  it('refuses a malformed ID as BAD_USER_INPUT, an overlong note as a userError, and an anonymous sender', async () => {
    const ben = await createUser(server);
    const malformed = await server.gql(
      RECOMMEND,
      { input: { productId: 'nope', toUserIds: [ben.id], note: '' } },
      anna.token,
    );
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const long = await recommend(server.gql, anna, cheese, [ben], 'x'.repeat(501));
    expect(long.userErrors).toEqual([
      { field: ['input', 'note'], code: 'TOO_LONG', message: 'The note can have at most 500 characters.' },
    ]);
    const anonymous = await server.gql(RECOMMEND, {
      input: { productId: cheese.id, toUserIds: [ben.id], note: '' },
    });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('marks notifications read, those named or all, and refuses someone else’s', async () => {
    const ben = await createUser(server);
    const eve = await createUser(server);
    await updatePrivacy(server.gql, ben, { acceptRecommendationsFrom: 'PUBLIC' });
    await updatePrivacy(server.gql, eve, { acceptRecommendationsFrom: 'PUBLIC' });
    for (let i = 0; i < 3; i++) await recommend(server.gql, anna, cheese, [ben, eve], `note ${i}`);
    const [newest, middle] = (await inbox(ben)).nodes;
    const eveFirst = (await inbox(eve)).nodes[0];

    const foreign = await server.gql(MARK_READ, { input: { ids: [newest.id, eveFirst.id] } }, ben.token);
    expect(foreign.data.markNotificationsRead).toEqual({
      unreadCount: null,
      userErrors: [
        {
          field: ['input', 'ids', '1'],
          code: 'NOT_FOUND',
          message: 'There is no such notification of yours.',
        },
      ],
    });
    expect((await inbox(ben, '(unreadOnly: true)')).totalCount).toBe(3);

    const one = await server.gql(MARK_READ, { input: { ids: [middle.id] } }, ben.token);
    expect(one.data.markNotificationsRead).toEqual({ unreadCount: 2, userErrors: [] });
    const unread = await inbox(ben, '(unreadOnly: true)');
    expect(unread.nodes.map((n: { note: string }) => n.note)).toEqual(['note 2', 'note 0']);
    expect((await inbox(ben)).nodes[1].readAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));

    const all = await server.gql(MARK_READ, { input: {} }, ben.token);
    expect(all.data.markNotificationsRead).toEqual({ unreadCount: 0, userErrors: [] });
    expect((await inbox(eve, '(unreadOnly: true)')).totalCount).toBe(3);
  });

  it('shows a notification through node(id:) to its recipient only', async () => {
    const ben = await createUser(server);
    await addTrust(db, ben, anna);
    await recommend(server.gql, anna, cheese, [ben], 'hi');
    const [{ id }] = (await inbox(ben)).nodes;
    const query = `query ($id: ID!) { node(id: $id) { id ... on Notification { note } } }`;
    expect((await server.gql(query, { id }, ben.token)).data.node).toEqual({ id, note: 'hi' });
    expect((await server.gql(query, { id }, anna.token)).data.node).toBeNull();
    expect((await server.gql(query, { id })).data.node).toBeNull();
  });

  it('lists 30 notifications with their actors and messages in a constant number of statements', async () => {
    const ben = await createUser(server);
    await updatePrivacy(server.gql, ben, { acceptRecommendationsFrom: 'PUBLIC' });
    const senders = [anna, await createUser(server), await createUser(server)];
    for (let i = 0; i < 30; i++) await recommend(server.gql, senders[i % 3], cheese, [ben]);
    const counter = countStatements();
    try {
      const list = await inbox(ben, '(first: 30)');
      expect(list.nodes).toHaveLength(30);
      expect(new Set(list.nodes.map((n: { actor: { handle: string } }) => n.actor.handle)).size).toBe(3);
      // me, the page, the total count, the actors (one batch for all 30); a known token costs none
      expect(counter.take()).toBe(4);
    } finally {
      counter.restore();
    }
  });
});

const RECOMMEND = `mutation ($input: RecommendProductInput!) { recommendProduct(input: $input) { userErrors { field code message } } }`;
const MARK_READ = `mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { unreadCount userErrors { field code message } } }`;

describe('the daily cap of word of mouth (RECOMMENDATIONS_PER_DAY=3)', () => {
  let server: TestServer;
  let db: Awaited<ReturnType<typeof sql>>;
  let cheese: TestProduct;
  beforeAll(async () => {
    server = await startTestServer({ env: { RECOMMENDATIONS_PER_DAY: '3' } });
    db = await sql(server.databaseUrl);
    cheese = await createProduct(server, { title: 'Bergkäse' });
  });
  afterAll(async () => {
    await db.close();
    await server.close();
  });

  /** Someone who takes recommendations from anyone, so that only the cap can stop them. */
  const openRecipient = async () => {
    const user = await createUser(server);
    await updatePrivacy(server.gql, user, { acceptRecommendationsFrom: 'PUBLIC' });
    return user;
  };
  const received = async (user: TestUser, from: TestUser) => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND actor_id = $2`,
      [await idOf(user), await idOf(from)],
    );
    return rows[0].n as number;
  };
  const idOf = async (user: TestUser) => {
    const { rows } = await db.query('SELECT id FROM users WHERE handle = $1', [user.handle]);
    return rows[0].id as string;
  };

  it('lets one sender reach one person three times a day, and skips the rest silently', async () => {
    const [anna, ben, clara, eve] = [
      await createUser(server),
      await openRecipient(),
      await openRecipient(),
      await createUser(server),
    ];
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await recommend(server.gql, anna, cheese, [ben], `try ${i}`));
    expect(answers).toEqual(Array(5).fill({ userErrors: [] }));
    expect(await received(ben, anna)).toBe(3);
    // The cap is per sender and recipient: Clara in the same call, and another sender, still get through.
    expect(await recommend(server.gql, anna, cheese, [ben, clara], 'both')).toEqual({ userErrors: [] });
    expect(await recommend(server.gql, eve, cheese, [ben], 'from eve')).toEqual({ userErrors: [] });
    expect([await received(ben, anna), await received(clara, anna), await received(ben, eve)]).toEqual([
      3, 1, 1,
    ]);
  });

  it('keeps to the cap when one sender fires many at once', async () => {
    const [anna, ben] = [await createUser(server), await openRecipient()];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => recommend(server.gql, anna, cheese, [ben], `burst ${i}`)),
    );
    expect(await received(ben, anna)).toBe(3);
  });

  it('counts the last 24 hours: a day later the sender may recommend again', async () => {
    const [anna, ben] = [await createUser(server), await openRecipient()];
    for (let i = 0; i < 3; i++) await recommend(server.gql, anna, cheese, [ben]);
    await db.query(
      `UPDATE notifications SET created_at = created_at - interval '25 hours' WHERE actor_id = $1`,
      [await idOf(anna)],
    );
    await recommend(server.gql, anna, cheese, [ben], 'a day later');
    expect(await received(ben, anna)).toBe(4);
  });
});
