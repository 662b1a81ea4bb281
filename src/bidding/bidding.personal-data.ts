import type { PersonalDataSection } from '../core/personal-data';
import { RequestErasureService } from './request-erasure.service';

/**
 * A person's price requests, their part in group requests, and the bids they placed for a shop. On erasure every
 * request stays without its buyer, since merchants bid on it and its orders refer to it (see RequestErasureService: an
 * open one is withdrawn, its bidders told, or closed first when its deadline has passed; from someone else's open
 * group request the person steps out). Their participation rows go with the account. Bids belong to the merchant
 * and stay, without the staff member who placed them.
 */
export const biddingPersonalData: PersonalDataSection[] = [
  {
    key: 'priceRequests',
    sql: `SELECT id, pool_id, title, description, category, region, quantity, max_unit_price_minor, currency,
                 deadline, status, awarded_bid_id, closed_at, created_at
            FROM price_requests WHERE buyer_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'PriceRequest', pool_id: 'GroupBuyPool', awarded_bid_id: 'Bid' },
    erase: ({ container, userId }) => container.get(RequestErasureService).erase(userId),
  },
  {
    key: 'priceRequestParticipations',
    sql: `SELECT p.request_id, r.title, r.status, p.quantity FROM price_request_participants p
            JOIN price_requests r ON r.id = p.request_id
           WHERE p.buyer_id = $1 ORDER BY r.created_at, r.id`,
    globalIds: { request_id: 'PriceRequest' },
  },
  {
    key: 'bidsPlaced',
    sql: `SELECT id, request_id, merchant_id, unit_price_minor, currency, note, created_at FROM bids
           WHERE bidder_id = $1 ORDER BY created_at, id`,
    globalIds: { id: 'Bid', request_id: 'PriceRequest', merchant_id: 'Merchant' },
    erase: 'UPDATE bids SET bidder_id = NULL WHERE bidder_id = $1',
  },
];
