import { toGlobalId } from '../../src/core/relay/global-id';
import { graphql, tokenFor } from '../lib/dorfmarkt';
import type { VillageSize } from '../lib/options';
import { productId, productPrice, userId } from '../data/village';

const CREATE_POOL = `mutation($input: CreatePoolInput!) {
  createPool(input: $input) { pool { id capacity } userErrors { field code message } }
}`;

const amount = (minor: number) => (minor / 100).toFixed(2);

/**
 * A product for a new pool, another one each run: a pool's capacity is taken from its product's stock
 * (1,000,000 per generated product), so repeated runs must not drain one product.
 */
export function freshPoolProduct(size: VillageSize): number {
  return Math.floor(Math.random() * size.products);
}

/**
 * A new pool on product `p`, created through the API by the merchant's owner (the generator makes user m the
 * owner of merchant m), with two tiers under the list price and a deadline two days ahead.
 */
export async function createPool(
  serverUrl: string,
  size: VillageSize,
  p: number,
  capacity: number,
): Promise<string> {
  const price = productPrice(p);
  const input = {
    productId: toGlobalId('Product', productId(p)),
    tiers: [
      { minQuantity: 10, unitPrice: { amount: amount(Math.floor(price * 0.9)), currencyCode: 'EUR' } },
      { minQuantity: 100, unitPrice: { amount: amount(Math.floor(price * 0.8)), currencyCode: 'EUR' } },
    ],
    capacity,
    deadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  };
  const owner = tokenFor(userId(p % size.merchants));
  const res = await graphql(serverUrl, CREATE_POOL, { input }, owner);
  const pool = res.data?.createPool?.pool;
  if (!pool) throw new Error(`createPool failed: ${JSON.stringify(res)}`);
  return pool.id as string;
}
