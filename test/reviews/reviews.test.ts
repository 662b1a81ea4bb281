import {
  createMerchant,
  createMerchantWithProduct,
  createProduct,
  writeReview,
} from '../helpers/catalog-factories';
import { sql, dbId } from '../helpers/database';
import { type TestUser, createUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';

describe('reviews', () => {
  let server: TestServer;
  let merchantOwner: TestUser;
  let rivalOwner: TestUser;
  let anna: TestUser;
  let bernd: TestUser;
  let clara: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    [merchantOwner, rivalOwner, anna, bernd, clara] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => createUser(server)),
    );
  });
  afterAll(() => server.close());

  const newProduct = async () => (await createMerchantWithProduct(server.gql, merchantOwner.token)).product;
  const summaryOf = async (productId: string) =>
    (await server.gql(SUMMARY, { id: productId })).data.product.ratingSummary;

  it('writes one review per person and product; writing again edits it', async () => {
    const product = await newProduct();
    const first = await server.gql(
      WRITE,
      { input: { productId: product.id, rating: 2, title: ' Too salty ', body: 'Not for me.' } },
      anna.token,
    );
    expect(first.data.writeReview).toEqual({
      review: {
        id: expect.any(String),
        rating: 2,
        title: 'Too salty',
        body: 'Not for me.',
        helpfulCount: 0,
        author: { id: anna.id },
        product: { id: product.id },
        verifiedPurchase: false,
        reply: null,
        createdAt: expect.any(String),
      },
      userErrors: [],
    });
    const again = await server.gql(
      WRITE,
      { input: { productId: product.id, rating: 5, title: 'Grew on me', body: '' } },
      anna.token,
    );
    expect(again.data.writeReview.review).toMatchObject({
      id: first.data.writeReview.review.id,
      rating: 5,
      title: 'Grew on me',
      body: '',
    });
    await writeReview(server.gql, bernd.token, product.id, { rating: 4 });
    expect(await summaryOf(product.id)).toEqual({
      average: 4.5,
      count: 2,
      distribution: [
        { rating: 1, count: 0 },
        { rating: 2, count: 0 },
        { rating: 3, count: 0 },
        { rating: 4, count: 1 },
        { rating: 5, count: 1 },
      ],
    });
  });

  it('keeps one review per person and exact aggregates when reviews are written at the same moment', async () => {
    const product = await newProduct();
    const sameAuthor = await Promise.all(
      [1, 2, 3, 4, 5].map((rating) => writeReview(server.gql, anna.token, product.id, { rating })),
    );
    expect(new Set(sameAuthor.map((r) => r.id)).size).toBe(1);
    // The shop's own staff may not review it (test/shops/shop-settings.test.ts): a fourth stranger instead.
    const others = [bernd, clara, await createUser(server), rivalOwner];
    await Promise.all(others.map((user) => writeReview(server.gql, user.token, product.id, { rating: 2 })));
    const summary = await summaryOf(product.id);
    const annasRating = (await server.gql(REVIEW_NODE, { id: sameAuthor[0].id })).data.node.rating;
    expect(summary).toMatchObject({ count: 5, average: (annasRating + 8) / 5 });
    expect(summary.distribution.map((d: { count: number }) => d.count)).toEqual(
      [1, 2, 3, 4, 5].map((r) => (r === 2 ? 4 : 0) + (r === annasRating ? 1 : 0)),
    );
  });

  it('refuses a rating of 0 or 6, an empty title, an over-long body and an unknown product', async () => {
    const product = await newProduct();
    const attempt = (input: Record<string, unknown>) =>
      server.gql(
        WRITE,
        { input: { productId: product.id, rating: 3, title: 'T', body: '', ...input } },
        anna.token,
      );
    const codes = async (input: Record<string, unknown>) =>
      (await attempt(input)).data.writeReview.userErrors.map((e: any) => [e.field.join('.'), e.code]);

    expect(await codes({ rating: 0 })).toEqual([['input.rating', 'OUT_OF_RANGE']]);
    expect(await codes({ rating: 6 })).toEqual([['input.rating', 'OUT_OF_RANGE']]);
    expect(await codes({ title: '   ' })).toEqual([['input.title', 'TOO_SHORT']]);
    expect(await codes({ title: 'x'.repeat(121) })).toEqual([['input.title', 'TOO_LONG']]);
    expect(await codes({ body: 'x'.repeat(5001) })).toEqual([['input.body', 'TOO_LONG']]);
    const unknown = Buffer.from('Product:00000000-0000-4000-8000-000000000000').toString('base64url');
    expect(await codes({ productId: unknown })).toEqual([['input.productId', 'NOT_FOUND']]);
    expect((await attempt({ rating: 0 })).data.writeReview.review).toBeNull();
    expect(await summaryOf(product.id)).toMatchObject({ average: null, count: 0 });
  });

  it('requires a signed-in user to write a review', async () => {
    const product = await newProduct();
    const res = await server.gql(WRITE, {
      input: { productId: product.id, rating: 3, title: 'T', body: '' },
    });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets only the author delete a review; anyone else gets FORBIDDEN and nothing changes', async () => {
    const product = await newProduct();
    const review = await writeReview(server.gql, anna.token, product.id, { rating: 1 });
    await writeReview(server.gql, bernd.token, product.id, { rating: 5 });

    const byOther = await server.gql(DELETE, { input: { reviewId: review.id } }, bernd.token);
    expect(byOther.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byMerchant = await server.gql(DELETE, { input: { reviewId: review.id } }, merchantOwner.token);
    expect(byMerchant.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await summaryOf(product.id)).toMatchObject({ average: 3, count: 2 });

    const byAuthor = await server.gql(DELETE, { input: { reviewId: review.id } }, anna.token);
    expect(byAuthor.data.deleteReview).toEqual({ userErrors: [] });
    expect(await summaryOf(product.id)).toMatchObject({ average: 5, count: 1 });
    const again = await server.gql(DELETE, { input: { reviewId: review.id } }, anna.token);
    expect(again.data.deleteReview.userErrors).toEqual([
      { field: ['input', 'reviewId'], code: 'NOT_FOUND', message: 'There is no such review.' },
    ]);
  });

  it('counts a helpful vote once per person, never on one’s own review', async () => {
    const product = await newProduct();
    const review = await writeReview(server.gql, anna.token, product.id);
    const vote = (user: TestUser) => server.gql(HELPFUL, { input: { reviewId: review.id } }, user.token);

    expect((await vote(bernd)).data.markReviewHelpful).toEqual({
      review: { id: review.id, helpfulCount: 1, viewerHasMarkedHelpful: true },
      userErrors: [],
    });
    expect((await vote(bernd)).data.markReviewHelpful.review.helpfulCount).toBe(1);
    expect((await vote(clara)).data.markReviewHelpful.review.helpfulCount).toBe(2);
    expect((await vote(anna)).data.markReviewHelpful).toEqual({
      review: null,
      userErrors: [
        { field: ['input', 'reviewId'], code: 'SELF_REFERENCE', message: 'You cannot mark your own review.' },
      ],
    });
    const seenByAnna = await server.gql(REVIEW_NODE, { id: review.id }, anna.token);
    expect(seenByAnna.data.node).toMatchObject({ helpfulCount: 2, viewerHasMarkedHelpful: false });
  });

  it('lets the merchant’s staff reply once (again replaces it) and refuses anyone else with FORBIDDEN', async () => {
    const { merchant, product } = await createMerchantWithProduct(server.gql, merchantOwner.token);
    await server.gql(
      `mutation($input: MerchantStaffInput!) { addMerchantStaff(input: $input) { userErrors { code } } }`,
      { input: { merchantId: merchant.id, userId: clara.id } },
      merchantOwner.token,
    );
    await createMerchant(server.gql, rivalOwner.token);
    const review = await writeReview(server.gql, anna.token, product.id, { rating: 2 });
    const reply = (user: TestUser, body: string) =>
      server.gql(REPLY, { input: { reviewId: review.id, body } }, user.token);

    for (const outsider of [rivalOwner, bernd, anna]) {
      const res = await reply(outsider, 'Not mine to say');
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await server.gql(REVIEW_NODE, { id: review.id })).data.node.reply).toBeNull();

    const first = await reply(merchantOwner, 'Sorry, we will do better.');
    expect(first.data.replyToReview).toEqual({
      review: {
        id: review.id,
        reply: {
          body: 'Sorry, we will do better.',
          author: { id: merchantOwner.id },
          createdAt: expect.any(String),
        },
      },
      userErrors: [],
    });
    const second = await reply(clara, 'Try the mild one next time.');
    expect(second.data.replyToReview.review.reply).toMatchObject({
      body: 'Try the mild one next time.',
      author: { id: clara.id },
    });
    const empty = await reply(clara, ' ');
    expect(empty.data.replyToReview.userErrors).toEqual([
      { field: ['input', 'body'], code: 'TOO_SHORT', message: 'The reply cannot be empty.' },
    ]);
    expect((await reply(rivalOwner, 'x')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(REVIEW_NODE, { id: review.id })).data.node.reply.body).toBe(
      'Try the mild one next time.',
    );
  });

  it('marks a review as a verified purchase once the author has a placed order of the product', async () => {
    const { merchant, product } = await createMerchantWithProduct(server.gql, merchantOwner.token);
    const review = await writeReview(server.gql, bernd.token, product.id);
    expect((await server.gql(REVIEW_NODE, { id: review.id })).data.node.verifiedPurchase).toBe(false);
    const db = await sql(server.databaseUrl);
    try {
      await db.query(
        `INSERT INTO orders (buyer_id, merchant_id, product_id, title, quantity, unit_price_minor, currency, source)
         VALUES ($1, $2, $3, 'Käse', 1, 450, 'EUR', 'DIRECT')`,
        [dbId(bernd.id), dbId(merchant.id), dbId(product.id)],
      );
    } finally {
      await db.close();
    }
    expect((await server.gql(REVIEW_NODE, { id: review.id })).data.node.verifiedPurchase).toBe(true);
  });

  it('orders a product’s reviews by newest, most helpful, highest and lowest, page by page', async () => {
    const product = await newProduct();
    const a = await writeReview(server.gql, anna.token, product.id, { rating: 3, title: 'A' });
    const b = await writeReview(server.gql, bernd.token, product.id, { rating: 5, title: 'B' });
    await writeReview(server.gql, clara.token, product.id, { rating: 1, title: 'C' });
    await server.gql(HELPFUL, { input: { reviewId: a.id } }, bernd.token);
    await server.gql(HELPFUL, { input: { reviewId: a.id } }, clara.token);
    await server.gql(HELPFUL, { input: { reviewId: b.id } }, anna.token);
    const titles = async (orderBy?: string, first = 10, after?: string) => {
      const res = await server.gql(REVIEWS, { id: product.id, orderBy, first, after });
      return res.data.product.reviews;
    };
    expect((await titles()).nodes.map((r: any) => r.title)).toEqual(['C', 'B', 'A']);
    expect((await titles('NEWEST')).nodes.map((r: any) => r.title)).toEqual(['C', 'B', 'A']);
    expect((await titles('MOST_HELPFUL')).nodes.map((r: any) => r.title)).toEqual(['A', 'B', 'C']);
    expect((await titles('HIGHEST')).nodes.map((r: any) => r.title)).toEqual(['B', 'A', 'C']);
    expect((await titles('LOWEST')).nodes.map((r: any) => r.title)).toEqual(['C', 'A', 'B']);
    const page1 = await titles('HIGHEST', 2);
    expect(page1.totalCount).toBe(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await titles('HIGHEST', 2, page1.pageInfo.endCursor);
    expect(page2.nodes.map((r: any) => r.title)).toEqual(['C']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps the review of an erased account, without its author, and shows the shop’s rating and reviews', async () => {
    const { merchant, product } = await createMerchantWithProduct(server.gql, merchantOwner.token);
    const other = await createProduct(server.gql, merchantOwner.token, merchant.id);
    const leaving = await createUser(server);
    const review = await writeReview(server.gql, leaving.token, product.id, { rating: 2 });
    await writeReview(server.gql, anna.token, other.id, { rating: 5 });
    const db = await sql(server.databaseUrl);
    try {
      await db.query('DELETE FROM users WHERE id = $1', [dbId(leaving.id)]);
    } finally {
      await db.close();
    }
    expect((await server.gql(REVIEW_NODE, { id: review.id })).data.node).toMatchObject({
      author: null,
      rating: 2,
    });
    const page = await server.gql(
      `query($id: ID!) { merchant(id: $id) { rating { average count distribution { count } } reviews { totalCount nodes { rating } } } }`,
      { id: merchant.id },
    );
    expect(page.data.merchant).toEqual({
      rating: { average: 3.5, count: 2, distribution: [0, 1, 0, 0, 1].map((count) => ({ count })) },
      reviews: { totalCount: 2, nodes: [{ rating: 5 }, { rating: 2 }] },
    });
  });
});

const REVIEW_FIELDS = `id rating title body helpfulCount author { id } product { id } verifiedPurchase reply { body } createdAt`;
const WRITE = `mutation($input: WriteReviewInput!) {
  writeReview(input: $input) { review { ${REVIEW_FIELDS} } userErrors { field message code } }
}`;
const DELETE = `mutation($input: DeleteReviewInput!) { deleteReview(input: $input) { userErrors { field message code } } }`;
const HELPFUL = `mutation($input: MarkReviewHelpfulInput!) {
  markReviewHelpful(input: $input) { review { id helpfulCount viewerHasMarkedHelpful } userErrors { field message code } }
}`;
const REPLY = `mutation($input: ReplyToReviewInput!) {
  replyToReview(input: $input) { review { id reply { body author { id } createdAt } } userErrors { field message code } }
}`;
const SUMMARY = `query($id: ID!) { product(id: $id) { ratingSummary { average count distribution { rating count } } } }`;
const REVIEW_NODE = `query($id: ID!) { node(id: $id) { ... on Review {
  rating helpfulCount viewerHasMarkedHelpful verifiedPurchase author { id } reply { body }
} } }`;
const REVIEWS = `query($id: ID!, $orderBy: ReviewOrder, $first: Int, $after: String) {
  product(id: $id) { reviews(orderBy: $orderBy, first: $first, after: $after) {
    totalCount nodes { title rating } pageInfo { hasNextPage endCursor }
  } }
}`;
