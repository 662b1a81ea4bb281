import { randomUUID } from 'node:crypto';
import { sql } from './database';
import type { GraphQLClient } from './server';
import type { TestUser } from './factories';

/** The uuid inside a global ID. */
export function localIdOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}

export function globalIdOf(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

export interface TestMerchant {
  id: string;
  globalId: string;
  name: string;
}

/**
 * A merchant with the given users as staff (the first as owner), written with SQL: the catalog's API is not
 * needed to bid.
 */
export async function createMerchant(
  databaseUrl: string,
  staff: TestUser[],
  name = `Hof ${randomUUID().slice(0, 6)}`,
): Promise<TestMerchant> {
  const db = await sql(databaseUrl);
  try {
    const {
      rows: [{ id }],
    } = await db.query(`INSERT INTO merchants (name, region) VALUES ($1, 'Allgäu') RETURNING id`, [name]);
    for (const [i, user] of staff.entries()) {
      await db.query('INSERT INTO merchant_staff (merchant_id, user_id, role) VALUES ($1, $2, $3)', [
        id,
        localIdOf(user.id),
        i === 0 ? 'OWNER' : 'STAFF',
      ]);
    }
    return { id, globalId: globalIdOf('Merchant', id), name };
  } finally {
    await db.close();
  }
}

export interface RequestOverrides {
  title?: string;
  description?: string;
  category?: string;
  quantity?: number;
  maxUnitPrice?: { amount: string; currencyCode: string } | null;
  deadline?: string;
  region?: string;
  poolId?: string;
}

/** A CreatePriceRequestInput, due in an hour unless told otherwise. */
export function requestInput(overrides: RequestOverrides = {}) {
  return {
    title: 'Bergkäse, 6 Monate',
    description: 'Ganze Laibe, abgeholt in Kempten.',
    category: 'Käse',
    quantity: 10,
    deadline: new Date(Date.now() + 3600_000).toISOString(),
    region: 'Allgäu',
    ...overrides,
  };
}

/** A price request by `buyer`; fails the test on userErrors. */
export async function createRequest(
  gql: GraphQLClient,
  buyer: TestUser,
  overrides: RequestOverrides = {},
): Promise<{ id: string; deadline: string; status: string }> {
  const res = await gql(CREATE_REQUEST, { input: requestInput(overrides) }, buyer.token);
  const payload = res.data?.createPriceRequest;
  if (!payload?.priceRequest) throw new Error(`createPriceRequest failed: ${JSON.stringify(res.body)}`);
  return payload.priceRequest;
}

/** Places a bid and returns the whole payload (bid, request, userErrors) or the GraphQL errors. */
export async function placeBid(
  gql: GraphQLClient,
  bidder: TestUser,
  requestId: string,
  amount: string,
  extra: { merchantId?: string; note?: string; currencyCode?: string } = {},
) {
  const { currencyCode = 'EUR', ...rest } = extra;
  const res = await gql(
    PLACE_BID,
    { input: { requestId, unitPrice: { amount, currencyCode }, ...rest } },
    bidder.token,
  );
  return { payload: res.data?.placeBid ?? null, errors: res.errors };
}

/** Polls `check` until it returns something truthy, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Rows of a test database, for assertions on what was stored. */
export async function rows<T = Record<string, any>>(
  databaseUrl: string,
  text: string,
  params: unknown[] = [],
) {
  const db = await sql(databaseUrl);
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.close();
  }
}

export const REQUEST_FIELDS = /* GraphQL */ `
  id
  status
  quantity
  deadline
  maxUnitPrice { amount currencyCode }
  bestBid { id unitPrice { amount currencyCode } note byViewer }
  bids(first: 20) { totalCount nodes { id unitPrice { amount } note byViewer } }
`;

/** A mutation taking `$input` that selects `selection` and the userErrors, which tests check on every payload. */
function payloadMutation(field: string, inputType: string, selection: string): string {
  return `mutation ($input: ${inputType}!) { ${field}(input: $input) { ${selection} userErrors { field message code } } }`;
}

export const CREATE_REQUEST = payloadMutation(
  'createPriceRequest',
  'CreatePriceRequestInput',
  'priceRequest { id status quantity deadline title maxUnitPrice { amount currencyCode } }',
);

export const PLACE_BID = payloadMutation(
  'placeBid',
  'PlaceBidInput',
  `bid { id unitPrice { amount currencyCode } createdAt note byViewer }
   priceRequest { id status deadline bestBid { id unitPrice { amount } } }`,
);

export const ACCEPT_BID = payloadMutation(
  'acceptBid',
  'AcceptBidInput',
  'priceRequest { id status awardedBid { id unitPrice { amount } } }',
);

export const CANCEL_REQUEST = payloadMutation(
  'cancelPriceRequest',
  'CancelPriceRequestInput',
  'priceRequest { id status }',
);

export const PRICE_REQUEST = `query ($id: ID!) { priceRequest(id: $id) { ${REQUEST_FIELDS} } }`;
