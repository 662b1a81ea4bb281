import type { GraphQLClient } from '../helpers/server';
import type { TestUser } from '../helpers/factories';

export interface PoolFixture {
  poolId: string;
  productId: string;
}

/**
 * A merchant owned by `owner`, a product at 10.00 EUR, and a pool on it through the API: 8.00 from 5 units
 * (the tipping point), 6.50 from 10, capacity 20, closing in an hour.
 */
export async function createPoolThroughApi(gql: GraphQLClient, owner: TestUser): Promise<PoolFixture> {
  const merchant = await mutate(gql, owner, CREATE_MERCHANT, 'createMerchant', {
    name: `Hof ${owner.handle}`,
    description: 'Vegetables from the village',
    region: 'Allgäu',
  });
  const product = await mutate(gql, owner, CREATE_PRODUCT, 'createProduct', {
    merchantId: merchant.merchant.id,
    title: 'Bergkäse, 1 kg',
    description: 'Twelve months old',
    category: 'cheese',
    tags: ['vegetarian'],
    price: { amount: '10.00', currencyCode: 'EUR' },
    stock: 100,
  });
  const pool = await mutate(gql, owner, CREATE_POOL, 'createPool', {
    productId: product.product.id,
    tiers: [
      { minQuantity: 5, unitPrice: { amount: '8.00', currencyCode: 'EUR' } },
      { minQuantity: 10, unitPrice: { amount: '6.50', currencyCode: 'EUR' } },
    ],
    capacity: 20,
    deadline: new Date(Date.now() + 3600_000).toISOString(),
  });
  return { poolId: pool.pool.id, productId: product.product.id };
}

export async function joinPoolThroughApi(
  gql: GraphQLClient,
  user: TestUser,
  poolId: string,
  quantity: number,
): Promise<void> {
  await mutate(gql, user, JOIN_POOL, 'joinPool', {
    poolId,
    quantity,
    idempotencyKey: `${user.handle}-${quantity}`,
  });
}

async function mutate(gql: GraphQLClient, user: TestUser, query: string, field: string, input: object) {
  const res = await gql(query, { input }, user.token);
  const payload = res.data?.[field];
  if (!payload || payload.userErrors.length > 0)
    throw new Error(`${field} failed: ${JSON.stringify(res.body)}`);
  return payload;
}

const USER_ERRORS = 'userErrors { field message code }';
const CREATE_MERCHANT = /* GraphQL */ `
  mutation ($input: CreateMerchantInput!) { createMerchant(input: $input) { merchant { id } ${USER_ERRORS} } }
`;
const CREATE_PRODUCT = /* GraphQL */ `
  mutation ($input: CreateProductInput!) { createProduct(input: $input) { product { id } ${USER_ERRORS} } }
`;
const CREATE_POOL = /* GraphQL */ `
  mutation ($input: CreatePoolInput!) { createPool(input: $input) { pool { id } ${USER_ERRORS} } }
`;
const JOIN_POOL = /* GraphQL */ `
  mutation ($input: JoinPoolInput!) { joinPool(input: $input) { membership { quantity } ${USER_ERRORS} } }
`;
