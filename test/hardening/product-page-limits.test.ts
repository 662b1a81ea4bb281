import { buildSchema, getOperationAST, type DocumentNode } from 'graphql';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logger';
import { OperationGuard } from '../../src/core/security/operation-guard';
import { operationLimits } from '../../src/core/security/operation-limits';
import { operationCost } from '../../src/core/security/query-cost';
import { RateLimits } from '../../src/core/security/rate-limits';

const PRODUCT_PAGE = /* GraphQL */ `
  query ProductPage($id: ID!) {
    product(id: $id) {
      id
      title
      price {
        amount
        currencyCode
      }
      ratingSummary {
        average
        count
      }
      trustedRating {
        value
        basedOn
      }
      merchant {
        id
        name
        region
      }
      reviews(first: 20, orderBy: MOST_TRUSTED) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            rating
            title
            body
            createdAt
            helpfulCount
            viewerTrust
            author {
              id
              handle
              displayName
              viewerTrust
            }
          }
        }
      }
      questions(first: 5) {
        edges {
          node {
            id
            body
            answers {
              id
              body
              byMerchant
              createdAt
              author {
                id
                handle
                displayName
                viewerTrust
              }
            }
          }
        }
      }
    }
  }
`;

const CATALOG = /* GraphQL */ `
  scalar DateTime
  interface Node {
    id: ID!
  }
  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
  type Query {
    node(id: ID!): Node
    product(id: ID!): Product
    products(first: Int, after: String, query: String): ProductConnection!
  }
  type User implements Node {
    id: ID!
    handle: String!
    displayName: String!
    viewerTrust: Float
  }
  type Money {
    amount: String!
    currencyCode: String!
  }
  type Merchant implements Node {
    id: ID!
    name: String!
    region: String
    products(first: Int, after: String): ProductConnection!
  }
  type Product implements Node {
    id: ID!
    title: String!
    price: Money!
    merchant: Merchant!
    ratingSummary: RatingSummary!
    trustedRating: TrustedRating
    reviews(first: Int, after: String, last: Int, before: String, orderBy: ReviewOrder): ReviewConnection!
    questions(first: Int, after: String): QuestionConnection!
  }
  type RatingSummary {
    average: Float
    count: Int!
  }
  type TrustedRating {
    value: Float!
    basedOn: Int!
  }
  type Review implements Node {
    id: ID!
    rating: Int!
    title: String!
    body: String!
    author: User
    product: Product!
    createdAt: DateTime!
    helpfulCount: Int!
    viewerTrust: Float
  }
  enum ReviewOrder {
    MOST_TRUSTED
    NEWEST
    MOST_HELPFUL
  }
  type Question implements Node {
    id: ID!
    body: String!
    answers: [Answer!]!
  }
  type Answer implements Node {
    id: ID!
    body: String!
    author: User!
    byMerchant: Boolean!
    createdAt: DateTime!
  }
  type ProductConnection {
    edges: [ProductEdge!]!
    nodes: [Product!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type ProductEdge {
    cursor: String!
    node: Product!
  }
  type ReviewConnection {
    edges: [ReviewEdge!]!
    nodes: [Review!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type ReviewEdge {
    cursor: String!
    node: Review!
  }
  type QuestionConnection {
    edges: [QuestionEdge!]!
    nodes: [Question!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type QuestionEdge {
    cursor: String!
    node: Question!
  }
`;

/**
 * The default limits against the catalog part of the public contract (as SDL, since the catalog is built
 * elsewhere): the product page of DESIGN.md must pass, with room to spare; nested pages of many products must not.
 */
describe('default limits on the product page', () => {
  const config = loadConfig({ RATE_LIMIT_USER: '0', RATE_LIMIT_IP: '0', RATE_LIMIT_AUTH: '0' });
  const schema = buildSchema(CATALOG);
  let guard: OperationGuard;
  beforeAll(async () => {
    // All budgets off: no store is ever opened.
    const rateLimits = await RateLimits.create({
      config,
      databaseUrl: 'postgres://unused/x',
      logger: createLogger('silent'),
    });
    guard = new OperationGuard({ schema, limits: operationLimits(config), rateLimits });
  });

  function prepared(query: string): DocumentNode {
    const result = guard.prepare(query);
    if ('errors' in result) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return result.document;
  }

  function cost(query: string, variables: Record<string, unknown> = {}) {
    const document = prepared(query);
    return operationCost(schema, document, getOperationAST(document)!, variables);
  }

  it('admits the product page with Q&A and authors, and tells its cost', async () => {
    const document = prepared(PRODUCT_PAGE);
    expect(
      await guard.check(document, getOperationAST(document)!, { id: 'UHJvZHVjdDox' }, '127.0.0.1'),
    ).toBeNull();
    // product, price, ratingSummary, trustedRating, merchant: 5; reviews 1 + 20 × (pageInfo, edge, node, author);
    // questions 1 + 5 × (edge, node, answers, author)
    expect(cost(PRODUCT_PAGE, { id: 'UHJvZHVjdDox' })).toBe(5 + (1 + 20 * 4) + (1 + 5 * 4));
  });

  it('admits a listing of 50 products with their merchants and 20 reviews each', () => {
    const listing = `{ products(first: 50) { edges { node { title merchant { name }
      reviews(first: 20) { nodes { rating author { handle } } } } } } }`;
    // 1 + 50 × (edge, node, merchant, reviews 1 + 20 × (node, author))
    expect(cost(listing)).toBe(1 + 50 * (3 + 1 + 20 * 2));
  });

  it('refuses a page of 100 products with 100 reviews each, also when the sizes come as variables', async () => {
    const query = `query ($p: Int, $r: Int) { products(first: $p) { edges { node {
      reviews(first: $r) { edges { node { author { handle } } } } } } } }`;
    const document = prepared(query);
    const refusal = await guard.check(document, getOperationAST(document)!, { p: 100, r: 100 }, '127.0.0.1');
    expect(refusal?.message).toBe('Query cost limit of 10000 exceeded, found 30301.');
    expect(cost(query, { p: 10, r: 10 })).toBe(1 + 10 * (2 + 1 + 10 * 3));
  });

  it('counts a connection without `first` at the default page of 20', () => {
    expect(cost('{ products { nodes { title } } }')).toBe(1 + 20 * 1);
  });
});
