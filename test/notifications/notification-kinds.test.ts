import { Declarations } from '../../src/core/declarations';
import { ACCEPT_BID, CANCEL_REQUEST, createRequest, placeBid } from '../helpers/bidding-factories';
import { answerQuestion, askQuestion, createMerchant, writeReview } from '../helpers/catalog-factories';
import { CONFIRM_ORDER, placeOrder } from '../helpers/shops-factories';
import { sql } from '../helpers/database';
import { type TestUser, createUser, addTrust } from '../helpers/factories';
import { createPool, createProduct, joinPool, recommend, succeeded } from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';

jest.setTimeout(60_000);

/** Every kind of notification a slice sends, made through the API as it happens, and how each one reads. */
describe('notification kinds', () => {
  let server: TestServer;
  beforeAll(async () => {
    // No soft close: a bid just before a short deadline leaves it where it is.
    server = await startTestServer({ env: { BID_EXTENSION_WINDOW: '0' } });
  });
  afterAll(() => server.close());

  async function named(displayName: string): Promise<TestUser> {
    const user = await createUser(server);
    await server.gql(
      `mutation ($n: String) { updateProfile(input: { displayName: $n }) { userErrors { code } } }`,
      { n: displayName },
      user.token,
    );
    return user;
  }

  const inbox = async (user: TestUser) =>
    (await server.gql(INBOX, {}, user.token)).data.me.notifications.nodes as InboxItem[];

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > end) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('gives each kind a sentence a person can read, and what it is about', async () => {
    const [anna, ben, grete] = [await named('Anna'), await named('Ben'), await named('Grete')];
    const db = await sql(server.databaseUrl);
    await addTrust(db, anna, ben);
    await addTrust(db, ben, anna);
    await db.close();
    const cheese = await createProduct(server, { title: 'Bergkäse', owner: grete });

    const question = await askQuestion(server.gql, ben.token, cheese.id, 'Is it made of raw milk?');
    const answer = await answerQuestion(server.gql, grete.token, question.id, 'Yes, from our own cows.');
    const invited = await createPool(server.gql, cheese);
    await joinPool(server.gql, anna, invited, 1);
    succeeded(
      await server.gql(
        `mutation ($input: InviteToPoolInput!) { inviteToPool(input: $input) { userErrors { field code message } } }`,
        { input: { poolId: invited.id, userIds: [ben.id] } },
        anna.token,
      ),
      'inviteToPool',
    );
    const cancelled = await createPool(server.gql, cheese);
    await joinPool(server.gql, ben, cancelled, 1);
    succeeded(
      await server.gql(
        `mutation ($input: CancelPoolInput!) { cancelPool(input: $input) { userErrors { field code message } } }`,
        { input: { poolId: cancelled.id } },
        grete.token,
      ),
      'cancelPool',
    );
    await recommend(server.gql, anna, cheese, [ben], 'Würzig!');
    // Anna asks shops for the price of a pool Ben is in: he is invited to join her request.
    const loaf = await createProduct(server, { title: 'Bergkäse im Laib', merchant: 'Käserei Alpe' });
    const askedPool = await createPool(server.gql, loaf);
    await joinPool(server.gql, ben, askedPool, 1);
    await joinPool(server.gql, anna, askedPool, 1);
    const seeds = await createRequest(server.gql, anna, { title: 'Bergkäse im Laib', poolId: askedPool.id });
    // Ben allows offers from Grete's shop, and she sends one.
    succeeded(
      await server.gql(
        `mutation ($input: GrantOfferPermissionInput!) { grantOfferPermission(input: $input) { userErrors { field code message } } }`,
        { input: { merchantId: cheese.merchant } },
        ben.token,
      ),
      'grantOfferPermission',
    );
    succeeded(
      await server.gql(
        `mutation ($input: SendOfferInput!) { sendOffer(input: $input) { userErrors { field code message } } }`,
        { input: { merchantId: cheese.merchant, title: 'Käse zum halben Preis', body: 'Heute.' } },
        grete.token,
      ),
      'sendOffer',
    );
    const offerId = (await server.gql(`query { me { offers { nodes { id } } } }`, {}, ben.token)).data.me
      .offers.nodes[0].id;

    // Ben bids for his shop on Anna's requests: she accepts one bid and withdraws the other request.
    const bensHof = await createMerchant(server.gql, ben.token, { name: 'Bens Hof' });
    const honey = await createRequest(server.gql, anna, { title: 'Honig, 5 Gläser' });
    const won = (await placeBid(server.gql, ben, honey.id, '6.00')).payload.bid;
    const accepted = await server.gql(ACCEPT_BID, { input: { bidId: won.id } }, anna.token);
    succeeded(accepted, 'acceptBid');
    const eggs = await createRequest(server.gql, anna, { title: 'Eier vom Hof' });
    await placeBid(server.gql, ben, eggs.id, '0.40');
    succeeded(
      await server.gql(CANCEL_REQUEST, { input: { requestId: eggs.id } }, anna.token),
      'cancelPriceRequest',
    );

    // Ben's other shop hears of a question and a review; as a buyer he hears of his order and of a reply.
    const honeyJar = await createProduct(server, { title: 'Waldhonig', owner: ben, category: 'Honig' });
    const asked = await askQuestion(server.gql, anna.token, honeyJar.id, 'Is it from this year?');
    const annasReview = await writeReview(server.gql, anna.token, honeyJar.id, { rating: 5 });
    const bensReview = await writeReview(server.gql, ben.token, cheese.id, { rating: 4 });
    succeeded(
      await server.gql(
        `mutation ($input: ReplyToReviewInput!) { replyToReview(input: $input) { userErrors { field code message } } }`,
        { input: { reviewId: bensReview.id, body: 'Thank you, Ben!' } },
        grete.token,
      ),
      'replyToReview',
    );
    const hans = await named('Hans');
    const butter = await createProduct(server, { title: 'Bergbutter', owner: hans });
    // A request for honey reaches Ben's honey shop; Hans beats Ben's bid and wins it.
    const honeyRequest = await createRequest(server.gql, anna, { title: 'Honig, 3 kg', category: 'Honig' });
    await placeBid(server.gql, ben, honeyRequest.id, '5.00', { merchantId: bensHof.id });
    const hansBid = (await placeBid(server.gql, hans, honeyRequest.id, '4.00')).payload.bid;
    succeeded(await server.gql(ACCEPT_BID, { input: { bidId: hansBid.id } }, anna.token), 'acceptBid');
    const bensOrder = await placeOrder(server.gql, ben, butter.id);
    succeeded(await server.gql(CONFIRM_ORDER, { input: { orderId: bensOrder } }, hans.token), 'confirmOrder');

    // What closes by itself: a pool, a request with a bid (awarded) and one without (expired).
    const soon = () => new Date(Date.now() + 5_000).toISOString();
    const closing = await createPool(server.gql, cheese, soon());
    await joinPool(server.gql, ben, closing, 5);
    const awarded = await createRequest(server.gql, ben, { title: 'Bergkäse, 6 Monate', deadline: soon() });
    await placeBid(server.gql, grete, awarded.id, '11.00');
    const expired = await createRequest(server.gql, ben, { title: 'Butter', deadline: soon() });
    const failing = await createPool(server.gql, butter, soon());
    await joinPool(server.gql, ben, failing, 1);

    const timed = ['POOL_SUCCEEDED', 'POOL_FAILED', 'PRICE_REQUEST_AWARDED', 'PRICE_REQUEST_EXPIRED'];
    const received = await until(
      () => inbox(ben),
      (nodes) => timed.every((kind) => nodes.some((n) => n.kind === kind)),
    );
    const byKind = (a: { kind: string }, b: { kind: string }) => a.kind.localeCompare(b.kind);
    // What closes at a deadline arrives in no fixed order: compared by kind.
    const sorted = [...received].sort(byKind);
    expect(sorted.map(({ message: _, ...rest }) => rest)).toEqual([
      about('BID_LOST', null, ['PriceRequest', honeyRequest.id]),
      about('BID_OUTBID', null, ['PriceRequest', honeyRequest.id]),
      about('BID_WON', 'Anna', ['PriceRequest', honey.id]),
      about('OFFER_RECEIVED', 'Grete', ['Offer', offerId]),
      {
        ...about('ORDER_PLACED', 'Anna', ['Order', '']),
        subject: { __typename: 'Order', id: expect.any(String) },
      },
      about('ORDER_STATUS_CHANGED', 'Hans', ['Order', bensOrder]),
      about('POOL_CANCELLED', 'Grete', ['GroupBuyPool', cancelled.id]),
      about('POOL_FAILED', null, ['GroupBuyPool', failing.id]),
      about('POOL_INVITATION', 'Anna', ['GroupBuyPool', invited.id]),
      about('POOL_SUCCEEDED', null, ['GroupBuyPool', closing.id]),
      about('POOL_TIPPED', null, ['GroupBuyPool', closing.id]),
      about('PRICE_REQUEST_AWARDED', null, ['PriceRequest', awarded.id]),
      about('PRICE_REQUEST_CANCELLED', 'Anna', ['PriceRequest', eggs.id]),
      about('PRICE_REQUEST_EXPIRED', null, ['PriceRequest', expired.id]),
      about('PRICE_REQUEST_INVITATION', 'Anna', ['PriceRequest', seeds.id]),
      about('PRICE_REQUEST_POSTED', 'Anna', ['PriceRequest', honeyRequest.id]),
      about('PRODUCT_RECOMMENDED', 'Anna', ['Product', cheese.id]),
      about('QUESTION_ANSWERED', 'Grete', ['Answer', answer.id]),
      about('QUESTION_ASKED', 'Anna', ['Question', asked.id]),
      about('REVIEW_REPLIED', 'Grete', ['Review', bensReview.id]),
      about('REVIEW_WRITTEN', 'Anna', ['Review', annasReview.id]),
    ]);
    expect(Object.fromEntries(sorted.map((n) => [n.kind, n.message]))).toEqual({
      BID_LOST: 'Another shop won the price request “Honig, 3 kg”.',
      BID_OUTBID: 'Your bid on the price request “Honig, 3 kg” was beaten.',
      BID_WON: 'Anna accepted your bid on the price request “Honig, 5 Gläser”: the order is placed.',
      OFFER_RECEIVED: 'Hofladen Huber sends you an offer: Käse zum halben Preis.',
      ORDER_PLACED: 'Anna ordered 10 × Honig, 5 Gläser.',
      ORDER_STATUS_CHANGED: 'Your order “Bergbutter” was confirmed.',
      POOL_CANCELLED: 'The shop cancelled a group buy you joined.',
      POOL_FAILED: 'A group buy you joined did not reach its tipping point; no order was placed.',
      POOL_INVITATION: 'Anna invites you to join a group buy.',
      POOL_SUCCEEDED: 'A group buy you joined succeeded: your order is placed at 4.00 EUR.',
      POOL_TIPPED: 'A group buy you joined reached its tipping point: the group price holds.',
      PRICE_REQUEST_AWARDED: 'The best bid won the price request “Bergkäse, 6 Monate”: your order is placed.',
      PRICE_REQUEST_CANCELLED: 'Anna withdrew the price request “Eier vom Hof”.',
      PRICE_REQUEST_EXPIRED: 'The price request “Butter” closed without a winning bid.',
      PRICE_REQUEST_INVITATION:
        'Anna asks shops for a price: join the price request “Bergkäse im Laib” with your own quantity.',
      PRICE_REQUEST_POSTED: 'Anna asks for offers in your region: the price request “Honig, 3 kg”.',
      PRODUCT_RECOMMENDED: 'Anna recommends Bergkäse.',
      QUESTION_ANSWERED: 'Grete answered your question.',
      QUESTION_ASKED: 'Anna asked about one of your products.',
      REVIEW_REPLIED: 'Grete replied to your review.',
      REVIEW_WRITTEN: 'Anna reviewed one of your products (5 of 5).',
    });
    // Every kind that some slice declared is among them: a new kind comes with its lines above.
    expect(server.container.get(Declarations).notificationKinds().sort()).toEqual(
      received.map((n) => n.kind).sort(),
    );
    // A bid that won at the deadline, with nobody accepting it (among what Grete's shop heard).
    expect((await inbox(grete)).filter((n) => n.kind === 'BID_WON')).toEqual([
      {
        kind: 'BID_WON',
        message:
          'Your bid on the price request “Bergkäse, 6 Monate” won at the deadline: the order is placed.',
        actor: null,
        subject: { __typename: 'PriceRequest', id: awarded.id },
      },
    ]);
  });
});

interface InboxItem {
  kind: string;
  message: string;
}

const INBOX = `query { me { notifications(first: 40) { nodes {
  kind message actor { displayName } subject { __typename id } } } } }`;

/** A notification as INBOX reads it, but for its message: `actor` is null for what happened at a deadline. */
function about(kind: string, actor: string | null, [__typename, id]: [string, string]) {
  return { kind, actor: actor === null ? null : { displayName: actor }, subject: { __typename, id } };
}
