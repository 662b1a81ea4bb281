import type { PersonalDataSection } from '../core/personal-data';

/** A buyer's orders: exported; on erasure kept for the merchant's books, without the buyer. */
export const orderPersonalData: PersonalDataSection[] = [
  {
    key: 'orders',
    sql: `SELECT id, merchant_id, product_id, title, quantity, unit_price_minor, currency, source, source_id,
               status, created_at FROM orders WHERE buyer_id = $1 ORDER BY created_at, id`,
    globalIds: {
      id: 'Order',
      merchant_id: 'Merchant',
      product_id: 'Product',
      source_id: (row) =>
        (
          ({
            POOL: 'GroupBuyPool',
            PRICE_REQUEST: 'PriceRequest',
            CALL_AUCTION: 'CallAuction',
            DUTCH_AUCTION: 'DutchAuction',
          }) as Record<string, string>
        )[row.source as string] ?? null,
    },
    // The client's idempotency key may say who it was.
    erase: 'UPDATE orders SET buyer_id = NULL, idempotency_key = NULL WHERE buyer_id = $1',
  },
];
