import { randomUUID } from 'node:crypto';
import { CallAuctionService } from '../auctions/call-auction.service';
import { DutchAuctionService } from '../auctions/dutch-auction.service';
import { createContext } from '../core/context';
import type { Container } from '../core/container';
import { Database } from '../core/db/database';
import type { Village } from './users.seed';

const MINUTE = 60 * 1000;

/** When the demo call auction is called: a few minutes after the village is loaded, so a visitor sees it clear. */
export const DEMO_CALL_AFTER_MS = 3 * MINUTE;

/**
 * A call auction that clears in the first minutes of a new village (supply in two steps, five villagers' limit
 * bids that cross), and a Dutch auction whose price falls every minute, both of the catalog's last product with
 * enough stock (the pools take the first).
 */
export async function seedAuctions(container: Container, village: Village): Promise<void> {
  const db = container.get(Database);
  const [found] = await db.query<{ productId: string; staffId: string; priceMinor: number }>(
    `SELECT p.id AS "productId", s.user_id AS "staffId", p.price_minor AS "priceMinor"
       FROM products p JOIN merchant_staff s ON s.merchant_id = p.merchant_id
      WHERE p.stock >= 30 AND p.currency = 'EUR' AND p.price_minor >= 100
      ORDER BY p.created_at DESC, p.id LIMIT 1`,
  );
  if (!found) return;
  const { productId, staffId, priceMinor } = found;
  const price = (share: number) => ({
    amount: (Math.max(1, Math.floor(priceMinor * share)) / 100).toFixed(2),
    currencyCode: 'EUR',
  });
  const asStaff = createContext(container, { id: staffId }, 'seed', 'seed');

  const calls = container.get(CallAuctionService);
  const auction = await calls.create(asStaff, staffId, {
    productId,
    supply: [
      { quantity: 8, minUnitPrice: price(0.7) },
      { quantity: 8, minUnitPrice: price(0.85) },
    ],
    callAt: new Date(Date.now() + DEMO_CALL_AFTER_MS),
  });
  const bids: Array<[string, number, number]> = [
    ['franz', 6, 1],
    ['anna', 4, 0.9],
    ['clara', 5, 0.8],
    ['ines', 4, 0.75],
    ['greta', 3, 0.6],
  ];
  for (const [handle, quantity, share] of bids) {
    const user = village.users[handle];
    const ctx = createContext(container, { id: user.id }, 'seed', 'seed');
    await calls.placeBid(ctx, user.id, {
      auctionId: auction.id,
      quantity,
      maxUnitPrice: price(share),
      idempotencyKey: randomUUID(),
    });
  }

  await container.get(DutchAuctionService).create(asStaff, staffId, {
    productId,
    quantity: 6,
    startPrice: price(1),
    floorPrice: price(0.6),
    decrement: price(0.05),
    intervalSeconds: 60,
  });
}
