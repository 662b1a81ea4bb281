import { randomBytes } from 'node:crypto';
import { appToken, registerApp } from './apps-factories';
import type { Client } from 'pg';

import {
  answerQuestion,
  askQuestion,
  createMerchant,
  createProduct as createCatalogProduct,
  writeReview,
} from './catalog-factories';
import {
  CREATE_CALL_AUCTION,
  CREATE_DUTCH_AUCTION,
  PLACE_LIMIT_BID,
  TAKE_DUTCH_AUCTION,
  eur,
} from './auctions-factories';
import { createRequest, joinRequest, placeBid } from './bidding-factories';
import { sql, dbId } from './database';
import { block as blockUser, trust as trustUser } from './trust-factories';
import { type TestUser, createUser } from './factories';
import type { GraphQLClient, GraphQLResult, TestServer } from './server';

export interface TestProduct {
  id: string;
  dbId: string;
  /** The merchant's database id. */
  merchantId: string;
  /** The merchant's global ID. */
  merchant: string;
  title: string;
  /** The shop's owner, who may create pools of the product. */
  owner: TestUser;
}

/** Fails with the whole response unless the mutation succeeded; answers its payload. */
export function succeeded(res: GraphQLResult, field: string): any {
  const payload = res.data?.[field];
  if (!payload || payload.userErrors?.length) throw new Error(`${field} failed: ${JSON.stringify(res.body)}`);
  return payload;
}

/**
 * A shop (in `region`, owned by `owner` or a new user) with one product of 12.50 EUR and 100 in stock, made
 * through the catalog's API.
 */
export async function createProduct(
  server: TestServer,
  {
    title = 'Bergkäse',
    tags = [] as string[],
    region = 'Allgäu',
    merchant = 'Hofladen Huber',
    category = 'cheese',
    owner = undefined as TestUser | undefined,
  } = {},
): Promise<TestProduct> {
  const shopOwner = owner ?? (await createUser(server));
  const shop = await createMerchant(server.gql, shopOwner.token, { name: merchant, region });
  const product = await createCatalogProduct(server.gql, shopOwner.token, shop.id, {
    title,
    tags,
    category,
    price: { amount: '12.50', currencyCode: 'EUR' },
    stock: 100,
  });
  return {
    id: product.id,
    dbId: dbId(product.id),
    merchantId: dbId(shop.id),
    merchant: shop.id,
    title,
    owner: shopOwner,
  };
}

/** A direct purchase of `product` by `buyer`, through placeOrder. */
export async function placeOrder(gql: GraphQLClient, buyer: TestUser, product: TestProduct, quantity = 1) {
  const res = await gql(
    `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { field code message } } }`,
    { input: { productId: product.id, quantity, idempotencyKey: randomBytes(6).toString('hex') } },
    buyer.token,
  );
  const { id } = succeeded(res, 'placeOrder').order;
  return { id: id as string, dbId: dbId(id) };
}

/** An open pool of `product` by its shop's owner: one tier of 4.00 EUR from 5 units, 50 units, an hour long. */
export async function createPool(
  gql: GraphQLClient,
  product: Pick<TestProduct, 'id' | 'owner'>,
  deadline = inAnHour(),
) {
  const res = await gql(
    `mutation ($input: CreatePoolInput!) { createPool(input: $input) { pool { id } userErrors { field code message } } }`,
    {
      input: {
        productId: product.id,
        tiers: [{ minQuantity: 5, unitPrice: { amount: '4.00', currencyCode: 'EUR' } }],
        capacity: 50,
        deadline,
      },
    },
    product.owner.token,
  );
  const { id } = succeeded(res, 'createPool').pool;
  return { id: id as string, dbId: dbId(id) };
}

export const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

export async function joinPool(gql: GraphQLClient, member: TestUser, pool: { id: string }, quantity: number) {
  const res = await gql(
    `mutation ($input: JoinPoolInput!) { joinPool(input: $input) { userErrors { field code message } } }`,
    { input: { poolId: pool.id, quantity, idempotencyKey: randomBytes(6).toString('hex') } },
    member.token,
  );
  succeeded(res, 'joinPool');
}

export async function updatePrivacy(
  gql: GraphQLClient,
  user: TestUser,
  input: Record<string, unknown>,
): Promise<void> {
  const res = await gql(
    `mutation ($input: UpdatePrivacySettingsInput!) { updatePrivacySettings(input: $input) { userErrors { code message } } }`,
    { input },
    user.token,
  );
  if (res.data?.updatePrivacySettings?.userErrors?.length !== 0)
    throw new Error(`updatePrivacySettings failed: ${JSON.stringify(res.body)}`);
}

export async function recommend(
  gql: GraphQLClient,
  sender: TestUser,
  product: { id: string },
  to: TestUser[],
  note = '',
) {
  const res = await gql(
    `mutation ($input: RecommendProductInput!) { recommendProduct(input: $input) { userErrors { field code message } } }`,
    { input: { productId: product.id, toUserIds: to.map((u) => u.id), note } },
    sender.token,
  );
  return res.data?.recommendProduct ?? res.body;
}

/**
 * A subscription starts listening some time after the client sends it: sends probes until the first one is heard,
 * so that whatever follows is certain to be heard too. Later probes may still arrive; callers skip them. One
 * waiter only: a `next` that timed out would swallow the next message.
 */
export async function untilSubscribed(
  sub: { next(timeoutMs?: number): Promise<unknown> },
  probe: () => Promise<unknown>,
  timeoutMs = 15_000,
): Promise<void> {
  let settled = false;
  const heard = sub.next(timeoutMs).finally(() => (settled = true));
  while (!settled) {
    await probe();
    await Promise.race([heard, new Promise((r) => setTimeout(r, 250))]).catch(() => undefined);
  }
  await heard;
}

const ok = (field: string) => async (res: Promise<GraphQLResult>) => succeeded(await res, field);

/**
 * A person who has done one of everything through the API, and the neighbours they did it with:
 * - their profile, settings (two consent log entries) and preferences; a sign-in (signUp);
 * - trust edges both ways and blocks, through the trust API;
 * - a review of the grocer's cheese (5 stars), marked helpful by a friend; their helpful vote on the friend's
 *   review; a question about the cheese, answered by the grocer, and their up-vote on that answer; their answer to
 *   the friend's question;
 * - their own shop, with the fan as staff, a product, their reply to the friend's review of it and their answer, as
 *   the shop, to the friend's question about it;
 * - 3 units of an open pool of the cheese, which they invited the friend to; a pool of their own butter; a direct
 *   order of 2 cheeses; a limit bid in the grocer's call auction of the cheese, a take of its Dutch auction;
 * - an open price request with the grocer's bid; their bid, for their shop, on the friend's request; 2 units in the
 *   friend's group request (made from a pool of the grocer's Emmentaler);
 * - product recommendations both ways, and a notification of another kind naming them by id in its data.
 */
export async function livedInAccount(
  server: TestServer,
  handle = `erase_me_${randomBytes(3).toString('hex')}`,
) {
  const { gql } = server;
  const db = await sql(server.databaseUrl);
  try {
    // Signed in through the API, so that the account has a sign-in (a refresh token) like any person's.
    const account = await createUser(server, { handle });
    const signedIn = succeeded(
      await gql(
        `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken userErrors { code } } }`,
        { input: { email: account.email, password: account.password } },
      ),
      'login',
    );
    const person = { ...account, token: signedIn.accessToken, refreshToken: signedIn.refreshToken as string };
    const [friend, fan, pest, grocer] = [
      await createUser(server),
      await createUser(server),
      await createUser(server),
      await createUser(server),
    ];
    await ok('updateProfile')(
      gql(
        `mutation { updateProfile(input: { bio: "Dairy farmer", region: "Allgäu" }) { userErrors { code } } }`,
        {},
        person.token,
      ),
    );
    // The shops' own word (orders, questions, reviews) is muted, so that the inboxes hold what this account is about.
    const mute = (user: TestUser, muted: string[]) =>
      ok('updateNotificationSettings')(
        gql(
          `mutation ($input: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $input) { userErrors { field code message } } }`,
          { input: { muted } },
          user.token,
        ),
      );
    await mute(person, [
      'ORDER_PLACED',
      'ORDER_STATUS_CHANGED',
      'POOL_TIPPED',
      'QUESTION_ASKED',
      'REVIEW_REPLIED',
      'REVIEW_WRITTEN',
    ]);
    await mute(grocer, ['ORDER_PLACED', 'ORDER_STATUS_CHANGED', 'QUESTION_ASKED', 'REVIEW_WRITTEN']);
    await mute(friend, ['POOL_TIPPED', 'REVIEW_REPLIED']);
    await mute(fan, ['POOL_TIPPED', 'QUESTION_ASKED', 'REVIEW_WRITTEN']);
    await updatePrivacy(gql, person, { personalization: true, acceptRecommendationsFrom: 'PUBLIC' });
    await updatePrivacy(gql, friend, { acceptRecommendationsFrom: 'PUBLIC' });
    await ok('updatePreferences')(
      gql(
        `mutation { updatePreferences(input: { avoidTags: ["nuts"], interests: ["cheese"], maxOffersPerWeek: 4 }) { userErrors { code } } }`,
        {},
        person.token,
      ),
    );
    await trustUser(gql, person, friend.id, 4);
    await trustUser(gql, fan, person.id, 2);
    await blockUser(gql, person, pest.id);
    await blockUser(gql, pest, fan.id);

    const cheese = await createProduct(server, { title: 'Bergkäse', owner: grocer });
    const shop = await createMerchant(gql, person.token, { name: 'Käserei am See', region: 'Allgäu' });
    await ok('addMerchantStaff')(
      gql(
        `mutation ($input: MerchantStaffInput!) { addMerchantStaff(input: $input) { userErrors { field code message } } }`,
        { input: { merchantId: shop.id, userId: fan.id } },
        person.token,
      ),
    );
    const butter = await createCatalogProduct(gql, person.token, shop.id, { title: 'Butter', stock: 100 });
    const shopsPool = await createPool(gql, { id: butter.id, owner: person });

    const friendsReview = await writeReview(gql, friend.token, cheese.id, { rating: 4 });
    const review = await writeReview(gql, person.token, cheese.id, {
      rating: 5,
      title: 'Würzig',
      body: 'The best in the valley.',
    });
    await markHelpful(gql, person, friendsReview.id);
    await markHelpful(gql, friend, review.id);
    const butterReview = await writeReview(gql, friend.token, butter.id, { rating: 3 });
    await ok('replyToReview')(
      gql(
        `mutation ($input: ReplyToReviewInput!) { replyToReview(input: $input) { userErrors { field code message } } }`,
        { input: { reviewId: butterReview.id, body: 'Thank you, we will salt it less.' } },
        person.token,
      ),
    );

    const question = await askQuestion(gql, person.token, cheese.id, 'How long is it aged?');
    const grocersAnswer = await answerQuestion(gql, grocer.token, question.id, 'Twelve months.');
    await ok('voteOnAnswer')(
      gql(
        `mutation ($input: VoteOnAnswerInput!) { voteOnAnswer(input: $input) { userErrors { field code message } } }`,
        { input: { answerId: grocersAnswer.id, vote: 'UP' } },
        person.token,
      ),
    );
    const friendsQuestion = await askQuestion(gql, friend.token, cheese.id, 'Is it made of raw milk?');
    const answer = await answerQuestion(gql, person.token, friendsQuestion.id, 'Yes, it is.');
    const butterQuestion = await askQuestion(gql, friend.token, butter.id, 'Is it salted?');
    const shopAnswer = await answerQuestion(gql, person.token, butterQuestion.id, 'Lightly.');

    const pool = await createPool(gql, cheese);
    await joinPool(gql, person, pool, 3);
    await ok('inviteToPool')(
      gql(
        `mutation ($input: InviteToPoolInput!) { inviteToPool(input: $input) { userErrors { field code message } } }`,
        { input: { poolId: pool.id, userIds: [friend.id] } },
        person.token,
      ),
    );
    await joinPool(gql, friend, pool, 2);
    const order = await placeOrder(gql, person, cheese, 2);
    // Delivered to their address, completed, and rated both ways.
    const orderMove = (user: TestUser, field: string, input: Record<string, unknown>) => {
      const type = field.charAt(0).toUpperCase() + field.slice(1);
      return ok(field)(
        gql(
          `mutation ($input: ${type}Input!) { ${field}(input: $input) { userErrors { field code message } } }`,
          { input: { orderId: order.id, ...input } },
          user.token,
        ),
      );
    };
    await orderMove(person, 'setOrderFulfilment', {
      method: 'DELIVERY',
      address: { name: 'Maria', line1: 'Seeweg 4', postalCode: '87700', city: 'Memmingen', country: 'DE' },
    });
    await orderMove(grocer, 'confirmOrder', {});
    await orderMove(grocer, 'markOrderReady', {});
    await orderMove(person, 'completeOrder', {});
    await orderMove(person, 'rateOrder', { rating: 5, comment: 'Lovely cheese' });
    await orderMove(grocer, 'rateOrder', { rating: 4, comment: 'Paid at once' });

    // A limit bid in the grocer's call auction of the cheese, and a take of the grocer's Dutch auction of it.
    const { callAuction } = await ok('createCallAuction')(
      gql(
        CREATE_CALL_AUCTION,
        {
          input: {
            productId: cheese.id,
            supply: [{ quantity: 5, minUnitPrice: eur('9.00') }],
            callAt: new Date(Date.now() + 3600_000).toISOString(),
          },
        },
        grocer.token,
      ),
    );
    const { bid: limitBid } = await ok('placeLimitBid')(
      gql(
        PLACE_LIMIT_BID,
        {
          input: {
            auctionId: callAuction.id,
            quantity: 2,
            maxUnitPrice: eur('11.00'),
            idempotencyKey: 'bid-1',
          },
        },
        person.token,
      ),
    );
    const { dutchAuction } = await ok('createDutchAuction')(
      gql(
        CREATE_DUTCH_AUCTION,
        {
          input: {
            productId: cheese.id,
            quantity: 3,
            startPrice: eur('12.00'),
            floorPrice: eur('8.00'),
            decrement: eur('1.00'),
            intervalSeconds: 3600,
          },
        },
        grocer.token,
      ),
    );
    const { order: dutchOrder } = await ok('takeDutchAuction')(
      gql(
        TAKE_DUTCH_AUCTION,
        { input: { auctionId: dutchAuction.id, quantity: 1, idempotencyKey: 'take-1' } },
        person.token,
      ),
    );

    // Their own price request, with the grocer's bid; their bid for their shop on the friend's request; and
    // their part (2 units) in the friend's group request, which took over a pool of the grocer's Emmentaler.
    const request = await createRequest(gql, person, { title: 'Heu, 40 Ballen', quantity: 40 });
    await mustBid(gql, grocer, request.id, '3.00');
    const friendsRequest = await createRequest(gql, friend, { title: 'Butter, 20 kg', quantity: 20 });
    const bid = await mustBid(gql, person, friendsRequest.id, '7.50', 'Fresh from the lake.');
    const emmentaler = await createCatalogProduct(gql, grocer.token, cheese.merchant, {
      title: 'Emmentaler',
      stock: 100,
    });
    const groupPool = await createPool(gql, { id: emmentaler.id, owner: grocer });
    await joinPool(gql, person, groupPool, 2);
    await joinPool(gql, friend, groupPool, 4);
    const groupRequest = await createRequest(gql, friend, {
      title: 'Bergkäse für alle',
      poolId: groupPool.id,
    });
    await joinRequest(gql, person, groupRequest.id, 2);

    // They allow offers from the grocer's shop and receive one.
    const permission = (
      await ok('grantOfferPermission')(
        gql(
          `mutation ($input: GrantOfferPermissionInput!) { grantOfferPermission(input: $input) { permission { id } userErrors { field code message } } }`,
          { input: { merchantId: cheese.merchant } },
          person.token,
        ),
      )
    ).permission as { id: string };
    await ok('sendOffer')(
      gql(
        `mutation ($input: SendOfferInput!) { sendOffer(input: $input) { offer { id } userErrors { field code message } } }`,
        {
          input: {
            merchantId: cheese.merchant,
            productId: cheese.id,
            title: 'Bergkäse im Angebot',
            body: 'Diese Woche 10 % günstiger.',
          },
        },
        grocer.token,
      ),
    );
    const offer = (await gql(`query { me { offers { nodes { id } } } }`, {}, person.token)).data.me.offers
      .nodes[0] as { id: string };

    await recommend(gql, person, cheese, [friend], `${person.handle} says: try it`);
    await recommend(gql, friend, cheese, [person], 'For you');
    // Another slice's notification that names the person in its data, as a careless sender might.
    await db.query(
      `INSERT INTO notifications (recipient_id, kind, data) VALUES ($1, 'POOL_INVITATION', $2)`,
      [dbId(fan.id), { invitedBy: dbId(person.id), invitedByGlobalId: person.id }],
    );
    // An app of their own with a webhook subscription, and an app of the grocer's they allowed.
    const app = await registerApp(server, person, { scopes: ['reviews:read'], name: 'Hofladen-Kasse' });
    const subscribed = succeeded(
      await gql(
        `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
           webhookSubscription { id } userErrors { field code message } } }`,
        { input: { appId: app.id, url: 'http://127.0.0.1:9/hooks', topics: ['review.created'] } },
        person.token,
      ),
      'createWebhookSubscription',
    );
    const grocersApp = await registerApp(server, grocer, { scopes: ['pools:read'], name: 'Dorfbote' });
    await appToken(server, grocersApp, person, 'pools:read');
    return {
      app,
      webhookSubscription: subscribed.webhookSubscription as { id: string },
      grocersApp,
      person,
      friend,
      fan,
      pest,
      grocer,
      cheese,
      shop,
      butter,
      review,
      friendsReview,
      butterReview,
      question,
      grocersAnswer,
      friendsQuestion,
      answer,
      butterQuestion,
      shopAnswer,
      pool,
      shopsPool,
      order,
      callAuction,
      limitBid,
      dutchAuction,
      dutchOrder,
      request,
      friendsRequest,
      bid,
      emmentaler,
      groupPool,
      groupRequest,
      permission,
      offer,
    };
  } finally {
    await db.close();
  }
}

async function mustBid(
  gql: GraphQLClient,
  bidder: TestUser,
  requestId: string,
  amount: string,
  note?: string,
) {
  const { payload, errors } = await placeBid(gql, bidder, requestId, amount, note ? { note } : {});
  if (!payload?.bid) throw new Error(`placeBid failed: ${JSON.stringify(errors ?? payload)}`);
  return payload.bid as { id: string };
}

async function markHelpful(gql: GraphQLClient, voter: TestUser, reviewId: string): Promise<void> {
  await ok('markReviewHelpful')(
    gql(
      `mutation ($input: MarkReviewHelpfulInput!) { markReviewHelpful(input: $input) { userErrors { field code message } } }`,
      { input: { reviewId } },
      voter.token,
    ),
  );
}

/**
 * Every counter kept beside the rows it counts, where it differs from a recount: product rating summaries, the
 * global rating totals, reviewers' review counts, helpful counts, answer counts and scores, and the committed
 * quantity and member count of pools still open. Empty when all are exact.
 */
export async function aggregateDrift(db: Client): Promise<string[]> {
  const { rows } = await db.query<{ drift: string }>(`
    SELECT 'product ' || p.title AS drift FROM products p
      LEFT JOIN (SELECT product_id, count(*)::int AS n, sum(rating)::int AS s,
                        ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
                              count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
                              count(*) FILTER (WHERE rating = 5)]::int[] AS h
                   FROM reviews GROUP BY product_id) r ON r.product_id = p.id
     WHERE p.rating_count <> coalesce(r.n, 0) OR p.rating_sum <> coalesce(r.s, 0)
        OR p.rating_histogram <> coalesce(r.h, '{0,0,0,0,0}')
    UNION ALL
    SELECT 'rating totals' FROM rating_totals t
     WHERE t.review_count <> (SELECT count(*) FROM reviews) OR t.rating_sum <> (SELECT coalesce(sum(rating), 0) FROM reviews)
    UNION ALL
    SELECT 'reviewer ' || s.user_id FROM reviewer_stats s
     WHERE s.review_count <> (SELECT count(*) FROM reviews r WHERE r.author_id = s.user_id)
    UNION ALL
    SELECT 'review ' || r.title FROM reviews r
     WHERE r.helpful_count <> (SELECT count(*) FROM review_helpful_votes v WHERE v.review_id = r.id)
    UNION ALL
    SELECT 'question ' || q.body FROM questions q
     WHERE q.answer_count <> (SELECT count(*) FROM answers a WHERE a.question_id = q.id)
    UNION ALL
    SELECT 'answer ' || a.body FROM answers a
     WHERE a.score <> (SELECT coalesce(sum(value), 0) FROM answer_votes v WHERE v.answer_id = a.id)
    UNION ALL
    SELECT 'pool ' || p.id FROM pools p
     WHERE p.status IN ('OPEN', 'TIPPED', 'SOLD_OUT')
       AND (p.committed <> (SELECT coalesce(sum(quantity), 0) FROM pool_memberships m WHERE m.pool_id = p.id)
         OR p.member_count <> (SELECT count(*) FROM pool_memberships m WHERE m.pool_id = p.id))`);
  return rows.map((r) => r.drift);
}
