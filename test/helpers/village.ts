import { graphqlClient } from './server';

const HANDLES = ['anna', 'bernd', 'clara', 'dieter', 'eva', 'franz', 'greta', 'hans', 'ines', 'jakob'];

/** What the whole demo village holds, as the API counts it. */
export const WHOLE_VILLAGE = { users: HANDLES.length, products: 9, pools: 2 };

/** Counts the demo village's users (by handle), products and pools through GraphQL at `url`. */
export async function countVillage(url: string): Promise<typeof WHOLE_VILLAGE> {
  const users = HANDLES.map((handle) => `${handle}: user(handle: "${handle}") { id }`).join('\n');
  const res = await graphqlClient(url)(`{
    ${users}
    products(first: 100) { totalCount }
    pools(first: 100) { totalCount }
  }`);
  if (!res.data) throw new Error(`the village could not be counted: ${JSON.stringify(res.body)}`);
  const data = res.data as Record<string, { totalCount?: number } | null>;
  return {
    users: HANDLES.filter((handle) => data[handle]).length,
    products: data.products!.totalCount!,
    pools: data.pools!.totalCount!,
  };
}
