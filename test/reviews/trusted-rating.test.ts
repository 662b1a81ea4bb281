import { createMerchantWithProduct, writeReview } from '../helpers/catalog-factories';
import { sql, dbId } from '../helpers/database';
import { type TestUser, createUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { itemBias, trustedRating, userBias } from '../../src/reviews/trusted-rating';

describe('trusted ratings', () => {
  let server: TestServer;
  let viewer: TestUser;
  let close: TestUser; // trusted directly, level 5 → 1.0
  let friend: TestUser; // trusted directly, level 2 → 0.4; has reviewed nothing
  let friendOfFriend: TestUser; // friend trusts at level 3 → 0.6
  let stranger: TestUser;
  let productId: string;

  const run = async (statement: string, params: unknown[]) => {
    const db = await sql(server.databaseUrl);
    try {
      return (await db.query(statement, params)).rows;
    } finally {
      await db.close();
    }
  };
  const trust = (from: TestUser, to: TestUser, level: number) =>
    run('INSERT INTO trust_edges (truster_id, trustee_id, level) VALUES ($1, $2, $3)', [
      dbId(from.id),
      dbId(to.id),
      level,
    ]);

  beforeAll(async () => {
    server = await startTestServer();
    const merchantOwner = await createUser(server);
    [viewer, close, friend, friendOfFriend, stranger] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => createUser(server)),
    );
    await trust(viewer, close, 5);
    await trust(viewer, friend, 2);
    await trust(friend, friendOfFriend, 3);

    // Some history, so that people and products have biases.
    const other = (await createMerchantWithProduct(server.gql, merchantOwner.token)).product;
    await writeReview(server.gql, close.token, other.id, { rating: 5 });
    await writeReview(server.gql, friendOfFriend.token, other.id, { rating: 2 });
    await writeReview(server.gql, viewer.token, other.id, { rating: 4 });
    await writeReview(server.gql, stranger.token, other.id, { rating: 3 });

    productId = (await createMerchantWithProduct(server.gql, merchantOwner.token)).product.id;
    await writeReview(server.gql, stranger.token, productId, { rating: 1, title: 'stranger' });
    await writeReview(server.gql, friendOfFriend.token, productId, { rating: 3, title: 'friend of friend' });
    await writeReview(server.gql, close.token, productId, { rating: 5, title: 'close' });
  });
  afterAll(() => server.close());

  it('shows the viewer’s propagated trust in each review’s author, and none to strangers or anonymous viewers', async () => {
    const res = await server.gql(PAGE, { id: productId, orderBy: 'NEWEST' }, viewer.token);
    expect(res.data.product.reviews.nodes).toEqual([
      { title: 'close', viewerTrust: 1, author: { id: close.id } },
      { title: 'friend of friend', viewerTrust: 0.6, author: { id: friendOfFriend.id } },
      { title: 'stranger', viewerTrust: null, author: { id: stranger.id } },
    ]);
    const anonymous = await server.gql(PAGE, { id: productId, orderBy: 'NEWEST' });
    expect(anonymous.data.product.reviews.nodes.map((r: any) => r.viewerTrust)).toEqual([null, null, null]);
    expect(anonymous.data.product.trustedRating).toBeNull();
  });

  it('estimates the viewer’s rating from the baseline moved by trusted reviewers, weighted by trust', async () => {
    const res = await server.gql(PAGE, { id: productId, orderBy: 'NEWEST' }, viewer.token);
    const [totals] = await run('SELECT review_count, rating_sum FROM rating_totals', []);
    const [product] = await run('SELECT rating_count, rating_sum FROM products WHERE id = $1', [
      dbId(productId),
    ]);
    const stats = new Map(
      (await run('SELECT user_id, review_count, residual_sum FROM reviewer_stats', [])).map((r: any) => [
        r.user_id,
        userBias(r.review_count, r.residual_sum),
      ]),
    );
    const mu = Number(totals.rating_sum) / Number(totals.review_count);
    const expected = trustedRating({
      globalMean: mu,
      itemBias: itemBias(mu, product.rating_count, product.rating_sum),
      viewerBias: stats.get(dbId(viewer.id))!,
      trusted: [
        { rating: 5, raterBias: stats.get(dbId(close.id))!, trust: 1 },
        { rating: 3, raterBias: stats.get(dbId(friendOfFriend.id))!, trust: 0.6 },
      ],
    })!;
    expect(res.data.product.trustedRating).toEqual({
      value: expect.closeTo(expected.value, 10),
      basedOn: 2,
      confidence: expect.closeTo(1.6 / 3.6, 10),
      topTrustedReviewers: [{ id: close.id }, { id: friendOfFriend.id }],
    });
    expect(res.data.product.ratingSummary).toEqual({ average: 3, count: 3 });
    // The trusted reviewers rated it above its average, so the estimate lies above the plain baseline.
    const baseline = mu + itemBias(mu, 3, 9) + stats.get(dbId(viewer.id))!;
    expect(res.data.product.trustedRating.value).toBeGreaterThan(baseline);
  });

  it('keeps the rating baseline’s sums exact through edits and deletions', async () => {
    const [before] = await run('SELECT review_count, rating_sum FROM rating_totals', []);
    const review = await writeReview(server.gql, friend.token, productId, { rating: 2 });
    await writeReview(server.gql, friend.token, productId, { rating: 4 });
    const [stats] = await run('SELECT review_count, residual_sum FROM reviewer_stats WHERE user_id = $1', [
      dbId(friend.id),
    ]);
    const [stored] = await run('SELECT residual FROM reviews WHERE id = $1', [dbId(review.id)]);
    expect(stats).toEqual({ review_count: 1, residual_sum: expect.closeTo(stored.residual, 10) });
    await server.gql(
      `mutation($input: DeleteReviewInput!) { deleteReview(input: $input) { userErrors { code } } }`,
      { input: { reviewId: review.id } },
      friend.token,
    );
    const [after] = await run('SELECT review_count, rating_sum FROM rating_totals', []);
    expect(after).toEqual(before);
    const [gone] = await run('SELECT review_count, residual_sum FROM reviewer_stats WHERE user_id = $1', [
      dbId(friend.id),
    ]);
    expect(gone).toEqual({ review_count: 0, residual_sum: expect.closeTo(0, 10) });
  });

  it('is null when nobody the viewer trusts reviewed the product', async () => {
    const res = await server.gql(PAGE, { id: productId }, stranger.token);
    expect(res.data.product.trustedRating).toBeNull();
    expect(res.data.product.reviews.nodes.map((r: any) => r.viewerTrust)).toEqual([null, null, null]);
  });

  it('orders MOST_TRUSTED by the viewer’s trust, then helpfulness, with working cursors', async () => {
    const first = await server.gql(PAGE, { id: productId, orderBy: 'MOST_TRUSTED', first: 2 }, viewer.token);
    expect(first.data.product.reviews).toMatchObject({
      totalCount: 3,
      nodes: [{ title: 'close' }, { title: 'friend of friend' }],
      pageInfo: { hasNextPage: true },
    });
    const rest = await server.gql(
      PAGE,
      {
        id: productId,
        orderBy: 'MOST_TRUSTED',
        first: 2,
        after: first.data.product.reviews.pageInfo.endCursor,
      },
      viewer.token,
    );
    expect(rest.data.product.reviews.nodes.map((r: any) => r.title)).toEqual(['stranger']);
    expect(rest.data.product.reviews.pageInfo.hasNextPage).toBe(false);
    const backwards = await server.gql(
      `query($id: ID!, $before: String) { product(id: $id) { reviews(orderBy: MOST_TRUSTED, last: 1, before: $before) { nodes { title } pageInfo { hasPreviousPage } } } }`,
      { id: productId, before: rest.data.product.reviews.pageInfo.endCursor },
      viewer.token,
    );
    expect(backwards.data.product.reviews).toEqual({
      nodes: [{ title: 'friend of friend' }],
      pageInfo: { hasPreviousPage: true },
    });
    const anonymous = await server.gql(PAGE, { id: productId, orderBy: 'MOST_TRUSTED' });
    expect(anonymous.data.product.reviews.nodes).toHaveLength(3);
  });

  it('leaves out a reviewer the viewer has blocked', async () => {
    await run('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)', [
      dbId(viewer.id),
      dbId(close.id),
    ]);
    const res = await server.gql(PAGE, { id: productId, orderBy: 'MOST_TRUSTED' }, viewer.token);
    expect(res.data.product.trustedRating).toMatchObject({
      basedOn: 1,
      topTrustedReviewers: [{ id: friendOfFriend.id }],
    });
    expect(res.data.product.reviews.nodes[0]).toMatchObject({ title: 'friend of friend', viewerTrust: 0.6 });
    await run('DELETE FROM blocks', []);
  });
});

const PAGE = `query($id: ID!, $orderBy: ReviewOrder, $first: Int, $after: String) {
  product(id: $id) {
    ratingSummary { average count }
    trustedRating { value basedOn confidence topTrustedReviewers { id } }
    reviews(orderBy: $orderBy, first: $first, after: $after) {
      totalCount nodes { title viewerTrust author { id } } pageInfo { hasNextPage endCursor }
    }
  }
}`;
