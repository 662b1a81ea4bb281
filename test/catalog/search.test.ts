import { createMerchant, createProduct } from '../helpers/catalog-factories';
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser } from '../helpers/factories';

describe('products(query, category, region, tags)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const alice = await createUser(server);
    const allgaeu = await createMerchant(server.gql, alice.token, { region: 'Allgäu' });
    const chiemgau = await createMerchant(server.gql, alice.token, { region: 'Chiemgau' });
    const add = (merchantId: string, title: string, category: string, tags: string[], description = '') =>
      createProduct(server.gql, alice.token, merchantId, { title, category, tags, description });
    await add(
      allgaeu.id,
      'Allgäuer Bergkäse',
      'Cheese',
      ['vegetarian', 'contains-milk'],
      'Raw milk, 12 months.',
    );
    await add(allgaeu.id, 'Walnussbrot', 'Bread', ['vegan', 'contains-nuts'], 'Sourdough with walnuts.');
    await add(chiemgau.id, 'Waldhonig', 'Honey', ['vegetarian'], 'Dark forest honey from the Chiemgau.');
    await add(chiemgau.id, 'Bergkäse mild', 'cheese', ['vegetarian', 'contains-milk']);
  });
  afterAll(() => server.close());

  const titles = async (args: Record<string, unknown>) => {
    const res = await server.gql(SEARCH, args);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.products.nodes.map((p: { title: string }) => p.title);
  };

  it('finds products by words of title, description and tags, also by the start of a word', async () => {
    expect(await titles({ query: 'bergkäse' })).toEqual(['Bergkäse mild', 'Allgäuer Bergkäse']);
    expect(await titles({ query: 'berg MILD' })).toEqual(['Bergkäse mild']);
    expect(await titles({ query: 'walnuts' })).toEqual(['Walnussbrot']);
    expect(await titles({ query: 'nuts' })).toEqual(['Walnussbrot']);
    expect(await titles({ query: 'forest' })).toEqual(['Waldhonig']);
    expect(await titles({ query: 'nothing like this' })).toEqual([]);
  });

  it('ignores what is not a word, so tsquery syntax cannot break the search', async () => {
    expect(await titles({ query: "waldhon & !'| (" })).toEqual(['Waldhonig']);
    expect(await titles({ query: '&|!' })).toHaveLength(4);
  });

  it('filters by category and by the merchant’s region, in any case, and by tags', async () => {
    expect(await titles({ category: 'CHEESE' })).toEqual(['Bergkäse mild', 'Allgäuer Bergkäse']);
    expect(await titles({ region: 'chiemgau' })).toEqual(['Bergkäse mild', 'Waldhonig']);
    expect(await titles({ category: 'cheese', region: 'Allgäu' })).toEqual(['Allgäuer Bergkäse']);
    expect(await titles({ tags: ['vegetarian', 'contains-milk'] })).toEqual([
      'Bergkäse mild',
      'Allgäuer Bergkäse',
    ]);
    expect(await titles({ query: 'käse', region: 'Nowhere' })).toEqual([]);
  });

  it('pages through the results with cursors and counts them all', async () => {
    const first = await server.gql(SEARCH, { first: 3 });
    expect(first.data.products.totalCount).toBe(4);
    expect(first.data.products.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      endCursor: expect.any(String),
    });
    const rest = await server.gql(SEARCH, { first: 3, after: first.data.products.pageInfo.endCursor });
    expect(rest.data.products.nodes.map((p: { title: string }) => p.title)).toEqual(['Allgäuer Bergkäse']);
    expect(rest.data.products.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a page larger than the maximum', async () => {
    const res = await server.gql(SEARCH, { first: 101 });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const SEARCH = `query($query: String, $category: String, $region: String, $tags: [String!], $first: Int, $after: String) {
  products(query: $query, category: $category, region: $region, tags: $tags, first: $first, after: $after) {
    totalCount nodes { title } pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;
