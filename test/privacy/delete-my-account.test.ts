import type { Client } from 'pg';
import { sql, dbId } from '../helpers/database';
import { type TestUser, createUser } from '../helpers/factories';
import {
  aggregateDrift,
  createPool,
  createProduct,
  joinPool,
  livedInAccount,
} from '../helpers/privacy-factories';
import { ACCEPT_BID, createRequest, placeBid } from '../helpers/bidding-factories';
import { createMerchant } from '../helpers/catalog-factories';
import { startTestServer, type TestServer } from '../helpers/server';

describe('deleteMyAccount', () => {
  let server: TestServer;
  let db: Client & { close: () => Promise<void> };
  beforeAll(async () => {
    server = await startTestServer();
    db = await sql(server.databaseUrl);
  });
  afterAll(async () => {
    await db.close();
    await server.close();
  });

  const erase = async (user: TestUser, reviews: 'DELETE' | 'ANONYMIZE') =>
    (await server.gql(DELETE, { input: { password: user.password, reviews } }, user.token)).data
      .deleteMyAccount;
  const node = async (id: string, selection: string, token: string | null = null) =>
    (await server.gql(`query ($id: ID!) { node(id: $id) { ${selection} } }`, { id }, token)).data.node;
  const poolState = async (id: string) =>
    (
      await server.gql(`query ($id: ID!) { pool(id: $id) { status committedQuantity participantCount } }`, {
        id,
      })
    ).data.pool;
  const priceRequest = async (id: string, selection: string, token: string | null = null) =>
    (await server.gql(`query ($id: ID!) { priceRequest(id: $id) { ${selection} } }`, { id }, token)).data
      .priceRequest;
  const inbox = async (user: { token: string }) =>
    (
      await server.gql(
        `query { me { notifications { nodes { kind message actor { handle } } } } }`,
        {},
        user.token,
      )
    ).data.me.notifications.nodes;
  const inboxCount = async (user: TestUser) =>
    (await server.gql(`query { me { notifications { totalCount } } }`, {}, user.token)).data.me.notifications
      .totalCount;
  /** Everything that could name the person: database id, global ID, email, handle. */
  const traces = (user: TestUser) => [dbId(user.id), user.id, user.email, user.handle];

  it('refuses a wrong password with a userError and keeps the account', async () => {
    const user = await createUser(server);
    const res = await server.gql(
      DELETE,
      { input: { password: 'not my password', reviews: 'DELETE' } },
      user.token,
    );
    expect(res.data.deleteMyAccount).toEqual({
      userErrors: [
        { field: ['input', 'password'], code: 'INVALID_CREDENTIALS', message: 'The password is wrong.' },
      ],
    });
    expect((await server.gql(ME, {}, user.token)).data.me).toEqual({ handle: user.handle });
  });

  it('requires a signed-in user', async () => {
    const res = await server.gql(DELETE, { input: { password: 'whatever password', reviews: 'DELETE' } });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('with ANONYMIZE keeps what they wrote without their name, and leaves no trace of them in any schema', async () => {
    const account = await livedInAccount(server);
    const { person, friend, fan, cheese, pool, order } = account;
    expect((await search(db, traces(person))).hits.length).toBeGreaterThan(10);
    expect(await poolState(pool.id)).toEqual({ status: 'TIPPED', committedQuantity: 5, participantCount: 2 });

    expect(await erase(person, 'ANONYMIZE')).toEqual({ userErrors: [] });

    // Signed out everywhere at once, and gone.
    expect((await server.gql(ME, {}, person.token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refreshed = await server.gql(REFRESH, { input: { refreshToken: person.refreshToken } });
    expect(refreshed.data.refreshToken.userErrors[0].code).toBe('INVALID_TOKEN');
    const login = await server.gql(LOGIN, { input: { email: person.email, password: person.password } });
    expect(login.data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    expect((await server.gql(USER, { h: person.handle })).data.user).toBeNull();

    // The review stays without its author, and its rating still counts; their vote on the friend's is gone.
    expect((await server.gql(PRODUCT, { id: cheese.id })).data.product).toEqual({
      ratingSummary: { average: 4.5, count: 2 },
      reviews: {
        nodes: [
          { rating: 5, title: 'Würzig', helpfulCount: 1, author: null },
          { rating: 4, title: 'Good', helpfulCount: 0, author: { handle: friend.handle } },
        ],
      },
    });
    // Their question, their answers (their own and the shop's) and their reply stay, nameless; their vote goes.
    expect(await node(account.question.id, QUESTION)).toEqual({
      body: 'How long is it aged?',
      author: null,
      answerCount: 1,
      answers: [
        { body: 'Twelve months.', score: 0, byMerchant: true, author: { handle: account.grocer.handle } },
      ],
    });
    expect(await node(account.answer.id, ANSWER)).toEqual({ body: 'Yes, it is.', author: null });
    expect(await node(account.shopAnswer.id, ANSWER)).toEqual({ body: 'Lightly.', author: null });
    expect(await node(account.butterReview.id, REPLY)).toEqual({
      reply: { body: 'Thank you, we will salt it less.', author: null },
    });

    // The pool gives back their 3 units; the order stays for the shop without them; the shop passes to its staff.
    expect(await poolState(pool.id)).toEqual({ status: 'OPEN', committedQuantity: 2, participantCount: 1 });
    const orders = await db.query(
      'SELECT buyer_id, idempotency_key, quantity, title FROM orders WHERE id = $1',
      [order.dbId],
    );
    expect(orders.rows).toEqual([{ buyer_id: null, idempotency_key: null, quantity: 2, title: 'Bergkäse' }]);
    expect(await node(account.shop.id, '... on Merchant { name viewerRole }', fan.token)).toEqual({
      name: 'Käserei am See',
      viewerRole: 'OWNER',
    });

    // Their open price request is withdrawn, the grocer who bid told (by nobody); it stays, without them.
    expect(
      await priceRequest(account.request.id, 'status quantity viewerIsBuyer', account.grocer.token),
    ).toEqual({
      status: 'CANCELLED',
      quantity: 40,
      viewerIsBuyer: false,
    });
    expect(await inbox(account.grocer)).toEqual([
      {
        kind: 'PRICE_REQUEST_CANCELLED',
        message: 'The price request “Heu, 40 Ballen” was withdrawn.',
        actor: null,
      },
    ]);
    // Their bid is the shop's and stays, without them; the friend's group request goes on without their 2 units.
    expect(await priceRequest(account.friendsRequest.id, BIDS, friend.token)).toEqual({
      status: 'OPEN',
      bids: {
        nodes: [
          {
            unitPrice: { amount: '7.50' },
            note: 'Fresh from the lake.',
            merchant: { name: 'Käserei am See' },
          },
        ],
      },
    });
    // The friend's group request goes on with the friend's own 10 units, without the person's 2.
    expect(await priceRequest(account.groupRequest.id, 'status quantity', friend.token)).toEqual({
      status: 'OPEN',
      quantity: 10,
    });

    // Trust edges both ways, and every notification to, from or about them, are gone; others' blocks stay.
    const edges = await db.query(
      'SELECT count(*)::int AS n FROM trust_edges WHERE truster_id = $1 OR trustee_id = $1',
      [dbId(person.id)],
    );
    expect(edges.rows).toEqual([{ n: 0 }]);
    // The friend had only notifications from or about the person (their own group request cancels no pool).
    expect(await inbox(friend)).toEqual([]);
    expect(await inboxCount(fan)).toBe(0);
    const blocks = await db.query('SELECT blocker_id FROM blocks WHERE blocked_id = $1', [dbId(fan.id)]);
    expect(blocks.rows).toEqual([{ blocker_id: dbId(account.pest.id) }]);

    expect(await aggregateDrift(db)).toEqual([]);
    const after = await search(db, traces(person));
    expect(after.schemas).toEqual(expect.arrayContaining(['pgboss', 'public']));
    expect(after.hits).toEqual([]);
  });

  it('with DELETE removes what they wrote for themselves, corrects every count, and leaves no trace of them', async () => {
    const account = await livedInAccount(server);
    const { person, friend, cheese, pool } = account;

    expect(await erase(person, 'DELETE')).toEqual({ userErrors: [] });

    expect((await server.gql(PRODUCT, { id: cheese.id })).data.product).toEqual({
      ratingSummary: { average: 4, count: 1 },
      reviews: { nodes: [{ rating: 4, title: 'Good', helpfulCount: 0, author: { handle: friend.handle } }] },
    });
    expect(await node(account.review.id, 'id')).toBeNull();
    // Their question goes with its answer; their answer to the friend's question goes too.
    expect(await node(account.question.id, 'id')).toBeNull();
    expect(await node(account.grocersAnswer.id, 'id')).toBeNull();
    expect(await node(account.friendsQuestion.id, QUESTION)).toEqual({
      body: 'Is it made of raw milk?',
      author: { handle: friend.handle },
      answerCount: 0,
      answers: [],
    });
    // What they wrote as the shop stays with the shop, nameless.
    expect(await node(account.butterQuestion.id, QUESTION)).toEqual({
      body: 'Is it salted?',
      author: { handle: friend.handle },
      answerCount: 1,
      answers: [{ body: 'Lightly.', score: 0, byMerchant: true, author: null }],
    });
    expect(await node(account.butterReview.id, REPLY)).toEqual({
      reply: { body: 'Thank you, we will salt it less.', author: null },
    });
    expect(await poolState(pool.id)).toEqual({ status: 'OPEN', committedQuantity: 2, participantCount: 1 });

    expect(await aggregateDrift(db)).toEqual([]);
    expect((await search(db, traces(person))).hits).toEqual([]);
  });

  it('keeps an awarded price request and its order for the merchant, without the buyer', async () => {
    const person = await createUser(server);
    const { owner: grocer } = await createProduct(server);
    const request = await createRequest(server.gql, person, { title: 'Heu, 40 Ballen', quantity: 40 });
    const bid = (await placeBid(server.gql, grocer, request.id, '3.00')).payload.bid;
    const accepted = await server.gql(ACCEPT_BID, { input: { bidId: bid.id } }, person.token);
    expect(accepted.data.acceptBid.priceRequest.status).toBe('AWARDED');

    expect(await erase(person, 'DELETE')).toEqual({ userErrors: [] });

    expect(await priceRequest(request.id, AWARDED, grocer.token)).toEqual({
      status: 'AWARDED',
      quantity: 40,
      awardedBid: { id: bid.id, unitPrice: { amount: '3.00' } },
    });
    const orders = await db.query(
      'SELECT buyer_id, title, quantity, unit_price_minor FROM orders WHERE source_id = $1',
      [dbId(request.id)],
    );
    expect(orders.rows).toEqual([
      { buyer_id: null, title: 'Heu, 40 Ballen', quantity: 40, unit_price_minor: 300 },
    ]);
    expect((await search(db, traces(person))).hits).toEqual([]);
  });

  it('first awards an open price request whose deadline passed before its job ran, as it stood', async () => {
    const person = await createUser(server);
    const { owner: grocer } = await createProduct(server);
    const request = await createRequest(server.gql, person, { title: 'Stroh', quantity: 8 });
    const bid = (await placeBid(server.gql, grocer, request.id, '2.00')).payload.bid;
    await db.query(`UPDATE price_requests SET deadline = now() - interval '1 second' WHERE id = $1`, [
      dbId(request.id),
    ]);

    expect(await erase(person, 'DELETE')).toEqual({ userErrors: [] });

    expect(await priceRequest(request.id, AWARDED, grocer.token)).toEqual({
      status: 'AWARDED',
      quantity: 8,
      awardedBid: { id: bid.id, unitPrice: { amount: '2.00' } },
    });
    const orders = await db.query('SELECT buyer_id, quantity FROM orders WHERE source_id = $1', [
      dbId(request.id),
    ]);
    expect(orders.rows).toEqual([{ buyer_id: null, quantity: 8 }]);
    expect(await inbox(grocer)).toEqual([
      {
        kind: 'BID_WON',
        message: 'Your bid on the price request “Stroh” won at the deadline: the order is placed.',
        actor: null,
      },
    ]);
    expect((await search(db, traces(person))).hits).toEqual([]);
  });

  it('refuses (SOLE_OWNER) while they alone run a shop, and changes nothing', async () => {
    const owner = await createUser(server);
    await createMerchant(server.gql, owner.token, { name: 'Imkerei Berg' });
    expect(await erase(owner, 'DELETE')).toEqual({
      userErrors: [
        {
          field: null,
          code: 'SOLE_OWNER',
          message:
            'Nobody else runs Imkerei Berg: add a staff member to take over, then delete your account.',
        },
      ],
    });
    expect((await server.gql(ME, {}, owner.token)).data.me).toEqual({ handle: owner.handle });
  });

  it('first closes a pool whose deadline passed before its close job ran, so that it ends as it stood', async () => {
    const person = await createUser(server);
    const cheese = await createProduct(server);
    const pool = await createPool(server.gql, cheese);
    await joinPool(server.gql, person, pool, 5);
    await db.query(`UPDATE pools SET deadline = now() - interval '1 second' WHERE id = $1`, [pool.dbId]);

    expect(await erase(person, 'DELETE')).toEqual({ userErrors: [] });

    expect(await poolState(pool.id)).toEqual({
      status: 'SUCCEEDED',
      committedQuantity: 5,
      participantCount: 1,
    });
    const orders = await db.query(
      `SELECT buyer_id, quantity, unit_price_minor FROM orders WHERE source_id = $1`,
      [pool.dbId],
    );
    expect(orders.rows).toEqual([{ buyer_id: null, quantity: 5, unit_price_minor: 400 }]);
  });
});

/**
 * Walks information_schema over every schema of the database and searches every column that can hold text
 * (text, varchar, char, json, jsonb, uuid, arrays) for each needle. Returns where they were found.
 */
async function search(db: Client, needles: string[]) {
  const { rows: columns } = await db.query<{ table_schema: string; table_name: string; column_name: string }>(
    `SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_type = 'BASE TABLE'
        AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg_toast%'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'uuid', 'ARRAY')`,
  );
  const hits: string[] = [];
  for (const { table_schema, table_name, column_name } of columns) {
    const column = `"${table_schema}"."${table_name}"."${column_name}"`;
    const { rows } = await db.query<{ needle: string }>(
      `SELECT needle FROM unnest($1::text[]) AS needle
        WHERE EXISTS (SELECT 1 FROM "${table_schema}"."${table_name}" WHERE strpos("${column_name}"::text, needle) > 0)`,
      [needles],
    );
    for (const { needle } of rows) hits.push(`${column} holds ${needle}`);
  }
  return { hits, schemas: [...new Set(columns.map((c) => c.table_schema))] };
}

const ME = `query { me { handle } }`;
const BIDS = `status bids { nodes { unitPrice { amount } note merchant { name } } }`;
const AWARDED = `status quantity awardedBid { id unitPrice { amount } }`;
const USER = `query ($h: String!) { user(handle: $h) { id } }`;
const DELETE = `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { userErrors { field code message } } }`;
const REFRESH = `mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { userErrors { code } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { userErrors { code } } }`;
const PRODUCT = `query ($id: ID!) { product(id: $id) {
  ratingSummary { average count } reviews(orderBy: HIGHEST) { nodes { rating title helpfulCount author { handle } } } } }`;
const QUESTION = `... on Question { body author { handle } answerCount answers { body score byMerchant author { handle } } }`;
const ANSWER = `... on Answer { body author { handle } }`;
const REPLY = `... on Review { reply { body author { handle } } }`;
