import {
  answerQuestion,
  askQuestion,
  createMerchantWithProduct,
  writeReview,
} from '../helpers/catalog-factories';
import { toGlobalId } from '../../src/core/relay/global-id';
import { sql, dbId } from '../helpers/database';
import { type TestUser, createUsers, createUser } from '../helpers/factories';
import { countStatements } from '../helpers/sql-counter';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The product page (product, merchant, reviews with authors and the viewer's trust, rating summary, trusted
 * rating, questions with answers) must cost the same number of SQL statements whatever the page size.
 */
describe('the product page', () => {
  let server: TestServer;
  let viewer: TestUser;
  let productId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await createUser(server);
    viewer = await createUser(server);
    productId = (await createMerchantWithProduct(server.gql, owner.token)).product.id;
    const [trusted, strangers, acquaintances, answerers] = [
      await createUsers(server, 3, 'trusted'),
      await createUsers(server, 20, 'stranger'),
      await createUsers(server, 2, 'acq'),
      await createUsers(server, 2, 'answerer'),
    ];

    const db = await sql(server.databaseUrl);
    try {
      const edge = (from: { id: string }, to: { id: string }, level: number) =>
        db.query('INSERT INTO trust_edges (truster_id, trustee_id, level) VALUES ($1, $2, $3)', [
          dbId(from.id),
          dbId(to.id),
          level,
        ]);
      for (const t of trusted) await edge(viewer, t, 5);
      for (const a of acquaintances) await edge(viewer, a, 2);
      await edge(trusted[0], strangers[0], 4); // ring 2
      await edge(strangers[0], strangers[1], 4); // ring 3
    } finally {
      await db.close();
    }
    // Oldest first: the most trusted reviewers, then strangers, then acquaintances (the newest).
    for (const [i, user] of [...trusted, ...strangers, ...acquaintances].entries()) {
      await writeReview(server.gql, user.token, productId, { rating: 1 + (i % 5), title: `Review ${i}` });
    }
    for (let i = 0; i < 5; i++) {
      const question = await askQuestion(server.gql, viewer.token, productId, `Question number ${i}?`);
      await answerQuestion(server.gql, answerers[0].token, question.id, 'An answer.');
      await answerQuestion(server.gql, answerers[1].token, question.id, 'Another answer.');
      await answerQuestion(server.gql, owner.token, question.id, 'The shop’s answer.');
    }
  }, 90_000);
  afterAll(() => server.close());

  it('runs a constant number of SQL statements for 5 and for 20 reviews', async () => {
    // The first personal page of a viewer also reads their trust rings, which are then kept.
    await server.gql(PAGE, { id: productId, reviews: 1 }, viewer.token);
    const counter = countStatements();
    try {
      const five = await server.gql(PAGE, { id: productId, reviews: 5 }, viewer.token);
      const forFive = counter.take();
      const twenty = await server.gql(PAGE, { id: productId, reviews: 20 }, viewer.token);
      const forTwenty = counter.take();

      expect(five.errors).toBeUndefined();
      expect(twenty.errors).toBeUndefined();
      expect(five.data.product.reviews.edges).toHaveLength(5);
      expect(twenty.data.product.reviews.edges).toHaveLength(20);
      expect(twenty.data.product.questions.nodes).toHaveLength(5);
      expect(twenty.data.product.questions.nodes[0].answers).toHaveLength(3);
      expect(twenty.data.product.trustedRating).toMatchObject({ basedOn: 7 });
      expect(twenty.data.product.reviews.edges.filter((e: any) => e.node.viewerTrust !== null)).toHaveLength(
        2,
      );

      expect(forTwenty).toBe(forFive);
      expect(forFive).toBeLessThanOrEqual(12);
    } finally {
      counter.restore();
    }
  });

  it('reads product, merchant and reviews with authors in one statement, two with the viewer’s trust and ratings', async () => {
    // The viewer's trust rings 1 and 2 are kept in memory after their first read: count the steady state.
    await server.gql(LEAN_PERSONAL_PAGE, { id: productId }, viewer.token);
    const counter = countStatements();
    try {
      const plain = await server.gql(LEAN_PAGE, { id: productId }, viewer.token);
      const forPlain = counter.take();
      const personal = await server.gql(LEAN_PERSONAL_PAGE, { id: productId }, viewer.token);
      const forPersonal = counter.take();

      expect(plain.errors).toBeUndefined();
      expect(plain.data.product.reviews.nodes).toHaveLength(20);
      expect(personal.errors).toBeUndefined();
      expect(personal.data.product.trustedRating).toMatchObject({ basedOn: 7 });
      expect(personal.data.product.reviews.nodes.filter((r: any) => r.viewerTrust !== null)).toHaveLength(2);
      expect([forPlain, forPersonal]).toEqual([1, 2]);
    } finally {
      counter.restore();
    }
  });

  it('answers a page read along with the product exactly as one read on its own', async () => {
    // `node(id:)` reads the product alone and its reviews in a statement of their own; `product(id:)` reads
    // them along. Both must give the same page, cursors and page info, in every order and at every size.
    const along = `query($id: ID!, $n: Int!, $orderBy: ReviewOrder) { product(id: $id) { ...page } }
      fragment page on Product { id reviews(first: $n, orderBy: $orderBy) { ...reviews } }
      ${REVIEWS_FRAGMENT}`;
    const alone = `query($id: ID!, $n: Int!, $orderBy: ReviewOrder) { node(id: $id) { ... on Product {
      id reviews(first: $n, orderBy: $orderBy) { ...reviews } } } }
      ${REVIEWS_FRAGMENT}`;
    const counter = countStatements();
    try {
      for (const orderBy of ['NEWEST', 'MOST_HELPFUL', 'HIGHEST', 'LOWEST']) {
        for (const n of [0, 1, 7, 27, 40]) {
          const a = await server.gql(along, { id: productId, n, orderBy }, viewer.token);
          expect(counter.take()).toBe(1);
          const b = await server.gql(alone, { id: productId, n, orderBy }, viewer.token);
          counter.take();
          expect(a.errors).toBeUndefined();
          expect(a.data.product).toEqual(b.data.node);
          expect(a.data.product.reviews.totalCount).toBe(25);
          expect(a.data.product.reviews.edges).toHaveLength(Math.min(n, 25));
        }
      }
      const missing = await server.gql(
        along,
        { id: toGlobalId('Product', '00000000-0000-4000-8000-000000000000'), n: 5 },
        viewer.token,
      );
      expect(missing.errors).toBeUndefined();
      expect(missing.data.product).toBeNull();
    } finally {
      counter.restore();
    }
  });

  it('stays within the same bound when ordered by trust, and for an anonymous visitor', async () => {
    const counter = countStatements();
    try {
      const counts: number[] = [];
      for (const [reviews, token] of [
        [5, viewer.token],
        [20, viewer.token],
        [5, null],
        [20, null],
      ] as const) {
        const res = await server.gql(PAGE, { id: productId, reviews, orderBy: 'MOST_TRUSTED' }, token);
        expect(res.errors).toBeUndefined();
        counts.push(counter.take());
      }
      expect(counts[2]).toBe(counts[3]);
      for (const n of counts) expect(n).toBeLessThanOrEqual(14);
    } finally {
      counter.restore();
    }
  });
});

const REVIEWS_FRAGMENT = `fragment reviews on ReviewConnection {
  totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { id rating title body helpfulCount createdAt author { id handle displayName } } }
}`;

const PAGE = `query($id: ID!, $reviews: Int!, $orderBy: ReviewOrder) {
  product(id: $id) {
    id title description category tags price { amount currencyCode } stock
    merchant { id name region rating { average count } }
    ratingSummary { average count distribution { rating count } }
    trustedRating { value basedOn confidence topTrustedReviewers { id handle displayName } }
    reviews(first: $reviews, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id rating title body helpfulCount createdAt viewerTrust verifiedPurchase viewerHasMarkedHelpful
        author { id handle displayName }
        reply { body author { id } }
      } }
    }
    questions(first: 5) {
      totalCount
      nodes { id body answerCount author { id handle } answers { id body byMerchant createdAt author { id handle } } }
    }
  }
}`;

/** The benchmark's product page (bench/scenarios/product-page.ts), without and with the viewer's fields. */
const LEAN_PAGE = `query($id: ID!) {
  product(id: $id) {
    id title price { amount currencyCode } merchant { id name }
    reviews(first: 20) { nodes { id rating title body createdAt author { id handle displayName } } }
  }
}`;

const LEAN_PERSONAL_PAGE = `query($id: ID!) {
  product(id: $id) {
    id title price { amount currencyCode } merchant { id name }
    ratingSummary { average count } trustedRating { value basedOn }
    reviews(first: 20) { nodes { id rating title body createdAt viewerTrust author { id handle displayName } } }
  }
}`;
