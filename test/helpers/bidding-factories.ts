import type { GraphQLClient } from './server';
import type { TestUser } from './factories';

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

export const JOIN_REQUEST = payloadMutation(
  'joinPriceRequest',
  'JoinPriceRequestInput',
  'priceRequest { id status quantity participantCount viewerQuantity }',
);

export const LEAVE_REQUEST = payloadMutation(
  'leavePriceRequest',
  'LeavePriceRequestInput',
  'priceRequest { id status quantity participantCount viewerQuantity }',
);

/** Joins `requestId` with `quantity` under a fresh idempotency key; fails the test on userErrors. */
export async function joinRequest(
  gql: GraphQLClient,
  user: TestUser,
  requestId: string,
  quantity: number,
): Promise<{ quantity: number; participantCount: number; viewerQuantity: number | null }> {
  const idempotencyKey = `join-${Math.random().toString(36).slice(2)}`;
  const res = await gql(JOIN_REQUEST, { input: { requestId, quantity, idempotencyKey } }, user.token);
  const payload = res.data?.joinPriceRequest;
  if (!payload?.priceRequest) throw new Error(`joinPriceRequest failed: ${JSON.stringify(res.body)}`);
  return payload.priceRequest;
}
