import { rows } from './database';
import type { GraphQLClient } from './server';

export const eur = (amount: string) => ({ amount, currencyCode: 'EUR' });

export const CALL_AUCTION_FIELDS = /* GraphQL */ `
  id status callAt bidCount indicativeQuantity clearedQuantity
  indicativePrice { amount currencyCode } clearingPrice { amount currencyCode }
  supply { quantity minUnitPrice { amount } }
  product { id } merchant { id }
  viewerBids { id quantity status filledQuantity maxUnitPrice { amount } }
`;

export const CREATE_CALL_AUCTION = /* GraphQL */ `
  mutation ($input: CreateCallAuctionInput!) {
    createCallAuction(input: $input) { callAuction { ${CALL_AUCTION_FIELDS} } userErrors { field code message } }
  }
`;

export const PLACE_LIMIT_BID = /* GraphQL */ `
  mutation ($input: PlaceLimitBidInput!) {
    placeLimitBid(input: $input) {
      bid { id quantity status filledQuantity createdAt maxUnitPrice { amount currencyCode } }
      callAuction { ${CALL_AUCTION_FIELDS} }
      userErrors { field code message }
    }
  }
`;

export const WITHDRAW_LIMIT_BID = /* GraphQL */ `
  mutation ($input: WithdrawLimitBidInput!) {
    withdrawLimitBid(input: $input) { callAuction { ${CALL_AUCTION_FIELDS} } userErrors { field code message } }
  }
`;

export const CALL_AUCTION = /* GraphQL */ `query ($id: ID!) { callAuction(id: $id) { ${CALL_AUCTION_FIELDS} } }`;

export const DUTCH_FIELDS = /* GraphQL */ `
  id status startsAt intervalSeconds quantity remainingQuantity nextDropAt
  startPrice { amount } floorPrice { amount } decrement { amount } currentPrice { amount currencyCode }
`;

export const CREATE_DUTCH_AUCTION = /* GraphQL */ `
  mutation ($input: CreateDutchAuctionInput!) {
    createDutchAuction(input: $input) { dutchAuction { ${DUTCH_FIELDS} } userErrors { field code message } }
  }
`;

export const TAKE_DUTCH_AUCTION = /* GraphQL */ `
  mutation ($input: TakeDutchAuctionInput!) {
    takeDutchAuction(input: $input) {
      order { id quantity source unitPrice { amount } }
      dutchAuction { ${DUTCH_FIELDS} }
      userErrors { field code message }
    }
  }
`;

export const DUTCH_AUCTION = /* GraphQL */ `query ($id: ID!) { dutchAuction(id: $id) { ${DUTCH_FIELDS} } }`;

export const MY_ORDERS = /* GraphQL */ `
  {
    me {
      orders(first: 50) {
        nodes {
          id
          quantity
          source
          title
          unitPrice {
            amount
          }
        }
      }
    }
  }
`;

/** Polls the call auction until it leaves OPEN (the job queue calls it), or fails after `timeoutMs`. */
export async function waitForCall(gql: GraphQLClient, id: string, token: string, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await gql(CALL_AUCTION, { id }, token);
    if (res.data.callAuction.status !== 'OPEN') return res.data.callAuction;
    if (Date.now() > end) throw new Error(`call auction ${id} was not called within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A product's stock, read straight from the database. */
export async function stockOf(databaseUrl: string, productId: string): Promise<number> {
  const [row] = await rows<{ stock: number }>(databaseUrl, 'SELECT stock FROM products WHERE id = $1', [
    productId,
  ]);
  return row.stock;
}
