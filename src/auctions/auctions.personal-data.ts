import type { PersonalDataSection } from '../core/personal-data';

/**
 * A person's limit bids in call auctions and takes of Dutch auctions. Both go with the account (their foreign keys
 * cascade); the orders they made stay for the merchant's books, anonymized by the orders slice.
 */
export const auctionPersonalData: PersonalDataSection[] = [
  {
    key: 'limitBids',
    sql: `SELECT id, auction_id, quantity, max_unit_price_minor, currency, status, filled_quantity, idempotency_key,
                 created_at
            FROM limit_bids WHERE buyer_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'LimitBid', auction_id: 'CallAuction' },
  },
  {
    key: 'dutchAuctionTakes',
    sql: `SELECT auction_id, requested, quantity, unit_price_minor, order_id, idempotency_key, created_at
            FROM dutch_takes WHERE buyer_id = $1 ORDER BY created_at, id`,
    globalIds: { auction_id: 'DutchAuction', order_id: 'Order' },
  },
];
