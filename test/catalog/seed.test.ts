import { createLogger } from '../../src/core/logger';
import { seedIfEmpty } from '../../src/seed/seed';
import { startTestServer, type TestServer } from '../helpers/server';

interface SeededProduct {
  title: string;
  merchant: {
    name: string;
    region: string;
    alliance: { region: string; members: { nodes: Array<{ region: string }> } } | null;
  };
  ratingSummary: {
    average: number | null;
    count: number;
    distribution: Array<{ rating: number; count: number }>;
  };
  reviews: { totalCount: number; nodes: Array<{ rating: number }> };
  questions: { nodes: Array<{ answers: Array<{ byMerchant: boolean }> }> };
}

/**
 * The demo village's catalog, read back through the API as a client would: whatever the seed holds, its shops,
 * alliances, ratings and answers must be as consistent as if people had made them through the API.
 */
describe('the demo village', () => {
  let server: TestServer;
  let products: SeededProduct[];
  beforeAll(async () => {
    server = await startTestServer();
    expect(await seedIfEmpty(server.container, createLogger('silent'))).toBe(true);
    const res = await server.gql(CATALOG);
    expect(res.errors).toBeUndefined();
    products = res.data.products.nodes;
  });
  afterAll(() => server.close());

  it('loads into an empty database only', async () => {
    expect(await seedIfEmpty(server.container, createLogger('silent'))).toBe(false);
    expect((await server.gql(CATALOG)).data.products.nodes).toHaveLength(products.length);
  });

  it('has shops in an alliance of their own region, with more than one member', () => {
    const allied = products.map((p) => p.merchant).filter((m) => m.alliance);
    expect(allied.length).toBeGreaterThan(0);
    for (const { region, alliance } of allied) {
      expect(alliance!.region).toBe(region);
      expect(alliance!.members.nodes.length).toBeGreaterThan(1);
      expect(alliance!.members.nodes.every((member) => member.region === region)).toBe(true);
    }
  });

  it('has products with reviews whose rating summary is exactly that of their reviews', () => {
    expect(products.filter((p) => p.reviews.totalCount > 0).length).toBeGreaterThan(0);
    for (const { title, ratingSummary, reviews } of products) {
      expect(reviews.nodes).toHaveLength(reviews.totalCount);
      const ratings = reviews.nodes.map((r) => r.rating);
      expect({ title, summary: ratingSummary }).toEqual({
        title,
        summary: {
          average: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
          count: ratings.length,
          distribution: [1, 2, 3, 4, 5].map((rating) => ({
            rating,
            count: ratings.filter((r) => r === rating).length,
          })),
        },
      });
    }
  });

  it('has questions its shops answered', () => {
    const answers = products.flatMap((p) => p.questions.nodes.flatMap((q) => q.answers));
    expect(answers.some((a) => a.byMerchant)).toBe(true);
  });
});

const CATALOG = `{
  products(first: 20) {
    nodes {
      title
      merchant { name region alliance { region members { nodes { region } } } }
      ratingSummary { average count distribution { rating count } }
      reviews(first: 50) { totalCount nodes { rating } }
      questions(first: 5) { nodes { answers { byMerchant } } }
    }
  }
}`;
