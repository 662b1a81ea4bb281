import { createLogger } from '../../src/core/logger';
import { seedIfEmpty } from '../../src/seed/seed';
import { startTestServer, type TestServer } from '../helpers/server';

describe('the demo village', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('has shops in an alliance, products, reviews and answered questions', async () => {
    expect(await seedIfEmpty(server.container, createLogger('silent'))).toBe(true);
    const res = await server.gql(`{
      products(query: "bergkäse") {
        nodes {
          title
          merchant { name region alliance { name members { nodes { name } } } }
          ratingSummary { average count }
          questions { nodes { body answers { body byMerchant } } }
        }
      }
      all: products(first: 100) { totalCount }
    }`);
    expect(res.data).toEqual({
      products: {
        nodes: [
          {
            title: 'Allgäuer Bergkäse, 12 months',
            merchant: {
              name: 'Käserei Maier',
              region: 'Allgäu',
              alliance: {
                name: 'Allgäuer Hofläden',
                // Both joined in the village's one transaction, at the same moment: in either order.
                members: {
                  nodes: expect.arrayContaining([{ name: 'Käserei Maier' }, { name: 'Huber’s Backstube' }]),
                },
              },
            },
            ratingSummary: { average: 4.25, count: 4 },
            questions: {
              nodes: [
                {
                  body: 'Is the rennet animal or microbial?',
                  answers: [{ body: 'Microbial, so it is vegetarian.', byMerchant: true }],
                },
              ],
            },
          },
        ],
      },
      all: { totalCount: 9 },
    });
  });
});
