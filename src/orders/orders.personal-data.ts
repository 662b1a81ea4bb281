import type { PersonalDataSection } from '../core/personal-data';

/**
 * A buyer's orders, with their delivery address: exported; on erasure kept for the merchant's books, without the
 * buyer, the client's idempotency key or the address. Ratings the person gave of shops stay in the shops'
 * figures without them; ratings shops gave of the person go.
 */
export const orderPersonalData: PersonalDataSection[] = [
  {
    key: 'orders',
    sql: `SELECT id, merchant_id, product_id, title, quantity, unit_price_minor, currency, source, source_id,
               status, fulfilment_method, delivery_address, created_at FROM orders WHERE buyer_id = $1
           ORDER BY created_at, id`,
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
    // The client's idempotency key may say who it was; the address is who it was.
    erase:
      'UPDATE orders SET buyer_id = NULL, idempotency_key = NULL, delivery_address = NULL WHERE buyer_id = $1',
  },
  {
    key: 'orderRatingsGiven',
    sql: `SELECT order_id, side, rating, comment, created_at FROM order_ratings WHERE rater_id = $1
           ORDER BY created_at, order_id`,
    globalIds: { order_id: 'Order' },
    // A buyer's word goes with them (the rating still counts); staff's ratings of buyers are the shop's word.
    erase: `UPDATE order_ratings SET rater_id = NULL,
                   comment = CASE WHEN side = 'BUYER' THEN NULL ELSE comment END,
                   buyer_id = CASE WHEN side = 'BUYER' THEN NULL ELSE buyer_id END
             WHERE rater_id = $1`,
  },
  {
    key: 'orderRatingsReceived',
    sql: `SELECT order_id, merchant_id, rating, comment, created_at FROM order_ratings
           WHERE buyer_id = $1 AND side = 'MERCHANT' ORDER BY created_at, order_id`,
    globalIds: { order_id: 'Order', merchant_id: 'Merchant' },
    erase: `DELETE FROM order_ratings WHERE buyer_id = $1 AND side = 'MERCHANT'`,
  },
];
