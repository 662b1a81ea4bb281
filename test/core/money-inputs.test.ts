import { randomBytes } from 'node:crypto';
import { createMerchant, createProduct, type CreatedProduct } from '../helpers/catalog-factories';
import { createUser, type TestUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Every money and quantity input, with codes that are no ISO 4217 currency and amounts past what their column
 * stores (PostgreSQL `integer`: 2,147,483,647 minor units, 21,474,836.47 EUR): each is a userError on its
 * field, never a server error.
 */
describe('money and quantity inputs', () => {
  let server: TestServer;
  let owner: TestUser;
  let buyer: TestUser;
  let product: CreatedProduct;
  let poolId: string;
  let requestId: string;
  beforeAll(async () => {
    server = await startTestServer();
    owner = await createUser(server);
    buyer = await createUser(server);
    const merchant = await createMerchant(server.gql, owner.token);
    product = await createProduct(server.gql, owner.token, merchant.id, { stock: 100 });
    const pool = await mutate(owner, 'createPool', 'pool { id }', poolInput());
    poolId = pool.pool.id;
    const request = await mutate(buyer, 'createPriceRequest', 'priceRequest { id }', requestInput());
    requestId = request.priceRequest.id;
  });
  afterAll(() => server.close());

  const money = (amount: string, currencyCode = 'EUR') => ({ amount, currencyCode });
  const productInput = (extra: object = {}) => ({
    merchantId: product.merchantId,
    title: `Käse ${randomBytes(3).toString('hex')}`,
    description: 'Aus dem Dorf.',
    category: 'Groceries',
    tags: [],
    price: money('4.50'),
    stock: 5,
    ...extra,
  });
  const poolInput = (extra: object = {}) => ({
    productId: product.id,
    tiers: [{ minQuantity: 2, unitPrice: money('4.00') }],
    capacity: 10,
    deadline: new Date(Date.now() + 3600_000).toISOString(),
    ...extra,
  });
  const requestInput = (extra: object = {}) => ({
    title: 'Bergkäse',
    description: 'Ganze Laibe.',
    category: 'Käse',
    quantity: 10,
    deadline: new Date(Date.now() + 3600_000).toISOString(),
    region: 'Allgäu',
    ...extra,
  });

  /** Runs `field(input:)` as `user` over HTTP and returns its payload; fails on any GraphQL error. */
  async function mutate(user: TestUser, field: string, selection: string, input: object) {
    const inputType = `${field[0].toUpperCase()}${field.slice(1)}Input`;
    const res = await server.gql(
      `mutation ($input: ${inputType}!) { ${field}(input: $input) { ${selection} userErrors { field code } } }`,
      { input },
      user.token,
    );
    expect({ status: res.status, errors: res.errors }).toEqual({ status: 200, errors: undefined });
    return res.data[field];
  }

  type Case = [what: string, run: () => Promise<{ userErrors: unknown }>, field: string[], code: string];
  const refused = (
    what: string,
    run: () => Promise<{ userErrors: unknown }>,
    field: string[],
    code: string,
  ) => [what, run, ['input', ...field], code] as Case;
  const cases: Case[] = [
    refused(
      'createProduct with the currency ZZZ',
      () => mutate(owner, 'createProduct', 'product { id }', productInput({ price: money('4.50', 'ZZZ') })),
      ['price', 'currencyCode'],
      'INVALID',
    ),
    refused(
      'createProduct with QQQ',
      () => mutate(owner, 'createProduct', 'product { id }', productInput({ price: money('4.50', 'QQQ') })),
      ['price', 'currencyCode'],
      'INVALID',
    ),
    refused(
      'createProduct with XTS, ISO’s code for tests, which is no money',
      () => mutate(owner, 'createProduct', 'product { id }', productInput({ price: money('4.50', 'XTS') })),
      ['price', 'currencyCode'],
      'INVALID',
    ),
    refused(
      'createProduct at 21,474,836.48 EUR, one cent past the column',
      () => mutate(owner, 'createProduct', 'product { id }', productInput({ price: money('21474836.48') })),
      ['price', 'amount'],
      'OUT_OF_RANGE',
    ),
    refused(
      'createProduct at 999,999,999,999 EUR',
      () => mutate(owner, 'createProduct', 'product { id }', productInput({ price: money('999999999999') })),
      ['price', 'amount'],
      'OUT_OF_RANGE',
    ),
    refused(
      'createProduct at 2,147,483,648 JPY (no minor unit)',
      () =>
        mutate(owner, 'createProduct', 'product { id }', productInput({ price: money('2147483648', 'JPY') })),
      ['price', 'amount'],
      'OUT_OF_RANGE',
    ),
    refused(
      'createProduct with 2,147,483,647 in stock',
      () => mutate(owner, 'createProduct', 'product { id }', productInput({ stock: 2147483647 })),
      ['stock'],
      'OUT_OF_RANGE',
    ),
    refused(
      'updateProduct at 50,000,000 EUR',
      () =>
        mutate(owner, 'updateProduct', 'product { id }', {
          productId: product.id,
          price: money('50000000.00'),
        }),
      ['price', 'amount'],
      'OUT_OF_RANGE',
    ),
    refused(
      'createPool with a tier in ZZZ',
      () =>
        mutate(
          owner,
          'createPool',
          'pool { id }',
          poolInput({ tiers: [{ minQuantity: 2, unitPrice: money('4.00', 'ZZZ') }] }),
        ),
      ['tiers', '0', 'unitPrice', 'currencyCode'],
      'INVALID',
    ),
    refused(
      'createPool with a tier at 30,000,000 EUR',
      () =>
        mutate(
          owner,
          'createPool',
          'pool { id }',
          poolInput({ tiers: [{ minQuantity: 2, unitPrice: money('30000000.00') }] }),
        ),
      ['tiers', '0', 'unitPrice', 'amount'],
      'OUT_OF_RANGE',
    ),
    refused(
      'createPool with a capacity of 2,147,483,647',
      () => mutate(owner, 'createPool', 'pool { id }', poolInput({ capacity: 2147483647 })),
      ['capacity'],
      'OUT_OF_RANGE',
    ),
    refused(
      'joinPool with 2,147,483,647 units',
      () =>
        mutate(buyer, 'joinPool', 'pool { id }', { poolId, quantity: 2147483647, idempotencyKey: 'k-big' }),
      ['quantity'],
      'OUT_OF_RANGE',
    ),
    refused(
      'placeOrder of 2,147,483,647 units',
      () =>
        mutate(buyer, 'placeOrder', 'order { id }', {
          productId: product.id,
          quantity: 2147483647,
          idempotencyKey: 'o-big',
        }),
      ['quantity'],
      'OUT_OF_RANGE',
    ),
    refused(
      'createPriceRequest with a maximum of 21,474,836.48 EUR',
      () =>
        mutate(
          buyer,
          'createPriceRequest',
          'priceRequest { id }',
          requestInput({ maxUnitPrice: money('21474836.48') }),
        ),
      ['maxUnitPrice', 'amount'],
      'OUT_OF_RANGE',
    ),
    refused(
      'createPriceRequest with a maximum in QQQ',
      () =>
        mutate(
          buyer,
          'createPriceRequest',
          'priceRequest { id }',
          requestInput({ maxUnitPrice: money('10.00', 'QQQ') }),
        ),
      ['maxUnitPrice', 'currencyCode'],
      'INVALID',
    ),
    refused(
      'createPriceRequest for 2,147,483,647 units',
      () =>
        mutate(buyer, 'createPriceRequest', 'priceRequest { id }', requestInput({ quantity: 2147483647 })),
      ['quantity'],
      'OUT_OF_RANGE',
    ),
    refused(
      'placeBid at 99,999,999.00 EUR',
      () => mutate(owner, 'placeBid', 'bid { id }', { requestId, unitPrice: money('99999999.00') }),
      ['unitPrice', 'amount'],
      'OUT_OF_RANGE',
    ),
    refused(
      'placeBid in ZZZ',
      () => mutate(owner, 'placeBid', 'bid { id }', { requestId, unitPrice: money('3.00', 'ZZZ') }),
      ['unitPrice', 'currencyCode'],
      'INVALID',
    ),
  ];

  it.each(cases)('refuses %s with a userError on the field', async (_what, run, field, code) => {
    const payload = await run();
    expect(payload.userErrors).toEqual([{ field, code }]);
  });

  it('accepts the largest amount a column holds, and any ISO 4217 currency, lower case too', async () => {
    const largest = await mutate(
      owner,
      'createProduct',
      'product { price { amount currencyCode } }',
      productInput({ price: money('21474836.47') }),
    );
    expect(largest).toEqual({
      product: { price: { amount: '21474836.47', currencyCode: 'EUR' } },
      userErrors: [],
    });
    for (const [given, stored] of [
      ['chf', '12.50'],
      ['JPY', '1250'],
      ['KWD', '12.500'],
    ]) {
      const amount = given === 'JPY' ? '1250' : '12.5';
      const res = await mutate(
        owner,
        'createProduct',
        'product { price { amount currencyCode } }',
        productInput({ price: money(amount, given) }),
      );
      expect(res).toEqual({
        product: { price: { amount: stored, currencyCode: given.toUpperCase() } },
        userErrors: [],
      });
    }
  });
});
