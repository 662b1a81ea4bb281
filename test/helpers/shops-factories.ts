import { key } from './pools-factories';
import type { GraphQLClient } from './server';
import type { TestUser } from './factories';

export const ORDER_FIELDS = /* GraphQL */ `
  id
  status
  source
  quantity
  createdAt
  buyer { handle }
  fulfilment { method address { name line1 line2 postalCode city country } }
  history { status at actor { handle } note }
  merchantRating { rating comment }
  buyerRating { rating comment }
`;

const move = (field: string, input: string) => /* GraphQL */ `
  mutation ($input: ${input}!) { ${field}(input: $input) { order { ${ORDER_FIELDS} } userErrors { field message code } } }
`;

export const CONFIRM_ORDER = move('confirmOrder', 'ConfirmOrderInput');
export const MARK_READY = move('markOrderReady', 'MarkOrderReadyInput');
export const COMPLETE_ORDER = move('completeOrder', 'CompleteOrderInput');
export const CANCEL_ORDER = move('cancelOrder', 'CancelOrderInput');
export const SET_FULFILMENT = move('setOrderFulfilment', 'SetOrderFulfilmentInput');
export const RATE_ORDER = move('rateOrder', 'RateOrderInput');

export const ORDER_NODE = `query ($id: ID!) { node(id: $id) { ... on Order { ${ORDER_FIELDS} } } }`;

/** A direct order of `quantity` units by `buyer`; fails the test on userErrors. */
export async function placeOrder(
  gql: GraphQLClient,
  buyer: TestUser,
  productId: string,
  quantity = 1,
): Promise<string> {
  const res = await gql(
    `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { code message } } }`,
    { input: { productId, quantity, idempotencyKey: key() } },
    buyer.token,
  );
  const order = res.data?.placeOrder?.order;
  if (!order) throw new Error(`placeOrder failed: ${JSON.stringify(res.body)}`);
  return order.id;
}
