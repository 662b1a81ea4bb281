import { Declarations } from '../../src/core/declarations';
import { livedInAccount } from '../helpers/privacy-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser } from '../helpers/factories';
import { dbId } from '../helpers/database';
import { REDIRECT_URI } from '../helpers/apps-factories';

const TIME = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe('exportMyData', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('holds every kind of record the user created, naming people by handle and global ID', async () => {
    const account = await livedInAccount(server, 'maria_export');
    const { person: maria, friend, fan, pest, grocer, cheese, shop, pool, shopsPool, order } = account;
    const { request, friendsRequest, bid, emmentaler, groupPool, groupRequest } = account;
    const { callAuction, limitBid, dutchAuction, dutchOrder } = account;

    const res = await server.gql(EXPORT, { input: { password: maria.password } }, maria.token);
    expect(res.data.exportMyData.userErrors).toEqual([]);
    const doc = res.data.exportMyData.export;
    const person = (u: { handle: string; id: string }) => ({ handle: u.handle, id: u.id });
    const answered = (question: { id: string }, answer: { id: string }) => ({
      questionId: dbId(question.id),
      answerId: dbId(answer.id),
      productId: cheese.dbId,
    });
    expect(doc).toEqual({
      format: 'dorfmarkt-export/1',
      exportedAt: TIME,
      profile: {
        id: maria.id,
        handle: 'maria_export',
        email: maria.email,
        displayName: 'maria_export',
        bio: 'Dairy farmer',
        region: 'Allgäu',
        createdAt: TIME,
      },
      privacySettings: {
        profileAudience: 'PUBLIC',
        trustListAudience: 'TRUST_NETWORK',
        poolParticipationAudience: 'TRUST_NETWORK',
        orderHistoryAudience: 'PRIVATE',
        discoverable: true,
        personalization: true,
        acceptRecommendationsFrom: 'PUBLIC',
      },
      consentLog: expect.arrayContaining([
        {
          setting: 'PERSONALIZATION',
          previousValue: 'false',
          newValue: 'true',
          subject: null,
          createdAt: TIME,
        },
        {
          setting: 'ACCEPT_RECOMMENDATIONS_FROM',
          previousValue: 'TRUST_NETWORK',
          newValue: 'PUBLIC',
          subject: null,
          createdAt: TIME,
        },
        {
          setting: 'OFFERS_FROM_MERCHANT',
          previousValue: 'false',
          newValue: 'true',
          subject: cheese.merchant,
          createdAt: TIME,
        },
      ]),
      preferences: { avoidTags: ['nuts'], interests: ['cheese'], maxOffersPerWeek: 4, updatedAt: TIME },
      signIns: [{ createdAt: TIME, expiresAt: TIME, replacedAt: null, revokedAt: null }],
      trustGiven: [{ trustee: person(friend), level: 4, createdAt: TIME, updatedAt: TIME }],
      trustReceived: [{ truster: person(fan), level: 2, createdAt: TIME, updatedAt: TIME }],
      blocks: [{ blocked: person(pest), createdAt: TIME }],
      merchantRoles: [{ merchantId: shop.id, role: 'OWNER', createdAt: TIME }],
      reviews: [
        {
          id: account.review.id,
          productId: cheese.id,
          rating: 5,
          title: 'Würzig',
          body: 'The best in the valley.',
          helpfulCount: 1,
          createdAt: TIME,
          updatedAt: TIME,
        },
      ],
      reviewHelpfulVotes: [{ reviewId: account.friendsReview.id, createdAt: TIME }],
      reviewReplies: [
        { reviewId: account.butterReview.id, body: 'Thank you, we will salt it less.', repliedAt: TIME },
      ],
      reviewerStats: { reviewCount: 1, residualSum: expect.any(Number) },
      questions: [
        {
          id: account.question.id,
          productId: cheese.id,
          body: 'How long is it aged?',
          answerCount: 1,
          createdAt: TIME,
        },
      ],
      answers: [
        {
          id: account.answer.id,
          questionId: account.friendsQuestion.id,
          body: 'Yes, it is.',
          byMerchant: false,
          score: 0,
          createdAt: TIME,
        },
        {
          id: account.shopAnswer.id,
          questionId: account.butterQuestion.id,
          body: 'Lightly.',
          byMerchant: true,
          score: 0,
          createdAt: TIME,
        },
      ],
      answerVotes: [{ answerId: account.grocersAnswer.id, value: 1, createdAt: TIME }],
      poolMemberships: [
        {
          poolId: pool.id,
          productId: cheese.id,
          status: 'TIPPED',
          quantity: 3,
          joinedAt: TIME,
          updatedAt: TIME,
        },
        {
          poolId: groupPool.id,
          productId: emmentaler.id,
          status: 'TIPPED',
          quantity: 2,
          joinedAt: TIME,
          updatedAt: TIME,
        },
      ],
      poolJoins: [
        { idempotencyKey: expect.any(String), poolId: pool.id, quantity: 3, createdAt: TIME },
        { idempotencyKey: expect.any(String), poolId: groupPool.id, quantity: 2, createdAt: TIME },
      ],
      poolsCreated: [{ id: shopsPool.id, productId: account.butter.id, status: 'OPEN', createdAt: TIME }],
      orders: [
        {
          id: order.id,
          merchantId: cheese.merchant,
          productId: cheese.id,
          title: 'Bergkäse',
          quantity: 2,
          unitPriceMinor: 1250,
          currency: 'EUR',
          source: 'DIRECT',
          sourceId: null,
          status: 'COMPLETED',
          fulfilmentMethod: 'DELIVERY',
          deliveryAddress: {
            name: 'Maria',
            line1: 'Seeweg 4',
            line2: null,
            postalCode: '87700',
            city: 'Memmingen',
            country: 'DE',
          },
          createdAt: TIME,
        },
        {
          id: dutchOrder.id,
          merchantId: cheese.merchant,
          productId: cheese.id,
          title: 'Bergkäse',
          quantity: 1,
          unitPriceMinor: 1200,
          currency: 'EUR',
          source: 'DUTCH_AUCTION',
          sourceId: dutchAuction.id,
          status: 'PLACED',
          fulfilmentMethod: 'PICKUP',
          deliveryAddress: null,
          createdAt: TIME,
        },
      ],
      limitBids: [
        {
          id: limitBid.id,
          auctionId: callAuction.id,
          quantity: 2,
          maxUnitPriceMinor: 1100,
          currency: 'EUR',
          status: 'OPEN',
          filledQuantity: 0,
          idempotencyKey: 'bid-1',
          createdAt: TIME,
        },
      ],
      dutchAuctionTakes: [
        {
          auctionId: dutchAuction.id,
          requested: 1,
          quantity: 1,
          unitPriceMinor: 1200,
          orderId: dutchOrder.id,
          idempotencyKey: 'take-1',
          createdAt: TIME,
        },
      ],
      orderRatingsGiven: [
        { orderId: order.id, side: 'BUYER', rating: 5, comment: 'Lovely cheese', createdAt: TIME },
      ],
      orderRatingsReceived: [
        {
          orderId: order.id,
          merchantId: cheese.merchant,
          rating: 4,
          comment: 'Paid at once',
          createdAt: TIME,
        },
      ],
      notificationSettings: {
        muted: [
          'ORDER_PLACED',
          'ORDER_STATUS_CHANGED',
          'POOL_TIPPED',
          'QUESTION_ASKED',
          'REVIEW_REPLIED',
          'REVIEW_WRITTEN',
        ],
        updatedAt: TIME,
      },
      priceRequests: [
        {
          id: request.id,
          poolId: null,
          title: 'Heu, 40 Ballen',
          description: 'Ganze Laibe, abgeholt in Kempten.',
          category: 'Käse',
          region: 'Allgäu',
          quantity: 40,
          maxUnitPriceMinor: null,
          currency: 'EUR',
          deadline: TIME,
          status: 'OPEN',
          awardedBidId: null,
          closedAt: null,
          createdAt: TIME,
        },
      ],
      priceRequestParticipations: [
        { requestId: request.id, title: 'Heu, 40 Ballen', status: 'OPEN', quantity: 40 },
        { requestId: groupRequest.id, title: 'Bergkäse für alle', status: 'OPEN', quantity: 2 },
      ],
      offerPermissions: [
        { id: account.permission.id, merchantId: cheese.merchant, category: null, createdAt: TIME },
      ],
      offersReceived: [
        {
          id: account.offer.id,
          merchantId: cheese.merchant,
          productId: cheese.id,
          title: 'Bergkäse im Angebot',
          body: 'Diese Woche 10 % günstiger.',
          validUntil: null,
          reason: 'You allow offers from Hofladen Huber.',
          createdAt: TIME,
        },
      ],
      bidsPlaced: [
        {
          id: bid.id,
          requestId: friendsRequest.id,
          merchantId: shop.id,
          unitPriceMinor: 750,
          currency: 'EUR',
          note: 'Fresh from the lake.',
          createdAt: TIME,
        },
      ],
      appAuthorizations: expect.any(Array),
      apps: expect.any(Array),
      webhookSubscriptions: expect.any(Array),
      notificationsReceived: [
        {
          id: expect.any(String),
          kind: 'QUESTION_ANSWERED',
          actor: person(grocer),
          data: answered(account.question, account.grocersAnswer),
          readAt: null,
          createdAt: TIME,
        },
        {
          id: expect.any(String),
          kind: 'PRICE_REQUEST_INVITATION',
          actor: person(friend),
          data: { requestId: dbId(groupRequest.id), title: 'Bergkäse für alle', poolId: dbId(groupPool.id) },
          readAt: null,
          createdAt: TIME,
        },
        {
          id: expect.any(String),
          kind: 'OFFER_RECEIVED',
          actor: person(grocer),
          data: {
            offerId: dbId(account.offer.id),
            merchantName: 'Hofladen Huber',
            title: 'Bergkäse im Angebot',
          },
          readAt: null,
          createdAt: TIME,
        },
        {
          id: expect.any(String),
          kind: 'PRODUCT_RECOMMENDED',
          actor: person(friend),
          data: { productId: cheese.dbId, productTitle: 'Bergkäse', note: 'For you' },
          readAt: null,
          createdAt: TIME,
        },
      ],
      notificationsSent: [
        {
          id: expect.any(String),
          kind: 'QUESTION_ANSWERED',
          recipient: person(friend),
          data: answered(account.friendsQuestion, account.answer),
          createdAt: TIME,
        },
        {
          id: expect.any(String),
          kind: 'QUESTION_ANSWERED',
          recipient: person(friend),
          data: {
            questionId: dbId(account.butterQuestion.id),
            answerId: dbId(account.shopAnswer.id),
            productId: dbId(account.butter.id),
          },
          createdAt: TIME,
        },
        {
          id: expect.any(String),
          kind: 'POOL_INVITATION',
          recipient: person(friend),
          data: { poolId: pool.id },
          createdAt: TIME,
        },
        {
          id: expect.any(String),
          kind: 'PRODUCT_RECOMMENDED',
          recipient: person(friend),
          data: { productId: cheese.dbId, productTitle: 'Bergkäse', note: 'maria_export says: try it' },
          createdAt: TIME,
        },
      ],
    });
    expect(doc.consentLog).toHaveLength(3);
    expect(doc.appAuthorizations).toEqual([
      { appId: account.grocersApp.id, scopes: ['pools:read'], createdAt: TIME },
    ]);
    expect(doc.apps).toEqual([
      {
        id: account.app.id,
        name: 'Hofladen-Kasse',
        description: expect.any(String),
        homepageUrl: null,
        clientId: account.app.clientId,
        redirectUris: [REDIRECT_URI],
        scopes: ['reviews:read'],
        merchantId: null,
        createdAt: TIME,
        revokedAt: null,
      },
    ]);
    expect(doc.webhookSubscriptions).toEqual([
      {
        id: account.webhookSubscription.id,
        appId: account.app.id,
        url: 'http://127.0.0.1:9/hooks',
        topics: ['review.created'],
        createdAt: TIME,
      },
    ]);
    expect(JSON.stringify(doc)).not.toContain(account.app.clientSecret);
    expect(JSON.stringify(doc)).not.toMatch(/whsec_|secret_?digest/i);
    expect(JSON.stringify(doc)).not.toMatch(/password|token_hash|tokenHash|\$argon2/i);
  });

  it('has a non-empty section for every kind of personal record any slice declares', async () => {
    const { person } = await livedInAccount(server);
    const res = await server.gql(EXPORT, { input: { password: person.password } }, person.token);
    const doc = res.data.exportMyData.export;
    const sections = server.container
      .get(Declarations)
      .personalData()
      .map((s) => s.key);
    expect(sections).toEqual(
      expect.arrayContaining([
        'reviews',
        'questions',
        'answers',
        'poolMemberships',
        'orders',
        'priceRequests',
        'priceRequestParticipations',
        'bidsPlaced',
        'limitBids',
        'dutchAuctionTakes',
        'offerPermissions',
        'offersReceived',
      ]),
    );
    const empty = sections.filter((key) => doc[key] == null || (Array.isArray(doc[key]) && !doc[key].length));
    expect(empty).toEqual([]);
  });

  it('refuses a wrong password with a userError and exports nothing', async () => {
    const user = await createUser(server);
    const res = await server.gql(EXPORT, { input: { password: 'not my password' } }, user.token);
    expect(res.data.exportMyData).toEqual({
      export: null,
      userErrors: [
        { field: ['input', 'password'], code: 'INVALID_CREDENTIALS', message: 'The password is wrong.' },
      ],
    });
  });

  it('requires a signed-in user', async () => {
    const res = await server.gql(EXPORT, { input: { password: 'whatever password' } });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

const EXPORT = `mutation ($input: ExportMyDataInput!) { exportMyData(input: $input) { export userErrors { field code message } } }`;
