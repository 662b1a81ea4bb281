import { randomBytes } from 'node:crypto';

/** Trust and audiences written straight to a test database, and the pool operations the pool tests send. */
/** Three tiers below a list price of 10.00 EUR: 8.00 from 5 units, 7.00 from 10, 6.00 from 20. */
export const STANDARD_TIERS = [
  { minQuantity: 5, unitPrice: { amount: '8.00', currencyCode: 'EUR' } },
  { minQuantity: 10, unitPrice: { amount: '7.00', currencyCode: 'EUR' } },
  { minQuantity: 20, unitPrice: { amount: '6.00', currencyCode: 'EUR' } },
];

export const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

export const key = () => randomBytes(8).toString('hex');

export const POOL_FIELDS = /* GraphQL */ `
  id status capacity deadline committedQuantity participantCount tippingPoint remainingQuantity
  currentUnitPrice { amount currencyCode } nextTier { minQuantity unitPrice { amount } } unitsToNextTier
  viewerMembership { quantity }
`;

export const CREATE_POOL = /* GraphQL */ `
  mutation ($input: CreatePoolInput!) {
    createPool(input: $input) { pool { ${POOL_FIELDS} } userErrors { field message code } }
  }
`;

export const JOIN_POOL = /* GraphQL */ `
  mutation ($input: JoinPoolInput!) {
    joinPool(input: $input) {
      pool {
        id
        status
        committedQuantity
        participantCount
        currentUnitPrice {
          amount
        }
      }
      membership {
        quantity
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const LEAVE_POOL = /* GraphQL */ `
  mutation ($input: LeavePoolInput!) {
    leavePool(input: $input) {
      pool {
        id
        status
        committedQuantity
        participantCount
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const POOL = /* GraphQL */ `query ($id: ID!) { pool(id: $id) { ${POOL_FIELDS} } }`;
