import { randomUUID } from 'node:crypto';
import { createContext } from '../core/context';
import type { Container } from '../core/container';
import { Database } from '../core/db/database';
import { OrderMove } from '../orders/order-lifecycle';
import { OrderLifecycleService } from '../orders/order-lifecycle.service';
import { OrderRatingService } from '../orders/order-rating.service';
import { OrderService } from '../orders/order.service';
import { FulfilmentMethod } from '../orders/order.entity';
import type { Village } from './users.seed';

/**
 * A working shop at once: the first shop with stock gets orders in every state from villagers who do not run it,
 * one of them to be delivered, and two completed trades rated both ways (so its seller rating shows); its staff
 * have the notifications those orders sent. Made through the services, as buyers and staff would.
 */
export async function seedOrders(container: Container, village: Village): Promise<void> {
  const db = container.get(Database);
  const [shop] = await db.query<{ productId: string; merchantId: string; staffId: string }>(
    `SELECT p.id AS "productId", p.merchant_id AS "merchantId", s.user_id AS "staffId"
       FROM products p JOIN merchant_staff s ON s.merchant_id = p.merchant_id AND s.role = 'OWNER'
      WHERE p.stock >= 30 AND NOT p.archived ORDER BY p.created_at, p.id LIMIT 1`,
  );
  if (!shop) return;
  const staff = new Set(
    (
      await db.query<{ user_id: string }>('SELECT user_id FROM merchant_staff WHERE merchant_id = $1', [
        shop.merchantId,
      ])
    ).map((r) => r.user_id),
  );
  const buyers = Object.values(village.users).filter((u) => !staff.has(u.id));
  const orders = container.get(OrderService);
  const lifecycle = container.get(OrderLifecycleService);
  const ratings = container.get(OrderRatingService);
  const place = async (buyerIndex: number, quantity: number) => {
    const buyer = buyers[buyerIndex % buyers.length];
    const ctx = createContext(container, { id: buyer.id }, 'seed', 'seed');
    const order = await orders.place(ctx, buyer.id, {
      productId: shop.productId,
      quantity,
      idempotencyKey: randomUUID(),
    });
    return { order, buyerId: buyer.id };
  };
  const move = (orderId: string, ...moves: OrderMove[]) =>
    moves.reduce(
      (done, m) =>
        done.then(() =>
          lifecycle.move(
            shop.staffId,
            orderId,
            m,
            m === OrderMove.READY ? 'At the counter from 8 o’clock.' : null,
          ),
        ),
      Promise.resolve() as Promise<unknown>,
    );

  await place(0, 2); // PLACED
  const delivered = await place(1, 3);
  await lifecycle.setFulfilment(delivered.buyerId, delivered.order.id, {
    method: FulfilmentMethod.DELIVERY,
    address: {
      name: 'Demo delivery',
      line1: 'Dorfplatz 1',
      postalCode: '87435',
      city: 'Kempten',
      country: 'DE',
    },
  });
  await move(delivered.order.id, OrderMove.CONFIRM); // CONFIRMED, to be delivered
  await move((await place(2, 1)).order.id, OrderMove.CONFIRM, OrderMove.READY); // READY
  const cancelled = await place(3, 1);
  await lifecycle.move(cancelled.buyerId, cancelled.order.id, OrderMove.CANCEL, 'Ordered twice by mistake.');
  const trades: Array<[number, number, number, string, string]> = [
    [4, 2, 5, 'Friendly and on time.', 'Picked up as agreed.'],
    [5, 1, 4, 'Good, a little wait at the counter.', 'A pleasure.'],
  ];
  for (const [index, quantity, stars, said, heard] of trades) {
    const { order, buyerId } = await place(index, quantity);
    await move(order.id, OrderMove.CONFIRM, OrderMove.READY, OrderMove.COMPLETE);
    await ratings.rate(buyerId, order.id, { rating: stars, comment: said });
    await ratings.rate(shop.staffId, order.id, { rating: 5, comment: heard });
  }
}
