import { z } from 'zod';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import { UserFacingError, notFound } from '../core/errors/user-error';
import { rules, validate } from '../core/validation';
import { MerchantService } from '../catalog/merchant.service';
import { Order, OrderStatus } from './order.entity';
import { OrderErrorCode } from './order-errors';
import { OrderEvents } from './order.events';
import { RatingSide } from './order-rating.entity';
import { RATING_WINDOW_DAYS } from './order-rating.rules';

const ratingRules = z.object({
  rating: rules.intRange('The rating', 1, 5),
  comment: z
    .string()
    .trim()
    .max(1000, 'The comment can have at most 1000 characters.')
    .nullish()
    .transform((v) => (v ? v : null)),
});

export interface NewOrderRating {
  rating: number;
  comment?: string | null;
}

/**
 * Ratings after a trade, both ways: the buyer rates the shop, the shop's staff rate the buyer, once each per
 * completed order and within RATING_WINDOW_DAYS of completion. Who rates whom follows from who calls: a buyer who
 * is also staff of the shop rates as the buyer.
 */
@Injectable()
export class OrderRatingService {
  constructor(
    private readonly db: Database,
    private readonly merchants: MerchantService,
    private readonly events: OrderEvents,
  ) {}

  async rate(actorId: string, orderId: string | null, input: NewOrderRating): Promise<Order> {
    const { rating, comment } = validate(ratingRules, input);
    return this.db.transaction(async () => {
      const [order] = orderId
        ? await this.db.query<{
            id: string;
            buyerId: string | null;
            merchantId: string;
            status: OrderStatus;
            open: boolean;
          }>(
            `SELECT id, buyer_id AS "buyerId", merchant_id AS "merchantId", status,
                    completed_at > now() - make_interval(days => $2) AS open
               FROM orders WHERE id = $1 FOR UPDATE`,
            [orderId, RATING_WINDOW_DAYS],
          )
        : [];
      if (!order) throw notFound('orderId', 'order');
      let side: RatingSide;
      if (order.buyerId === actorId) side = RatingSide.BUYER;
      else if (await this.merchants.roleOf(actorId, order.merchantId)) side = RatingSide.MERCHANT;
      else throw new ForbiddenError('Only the buyer and the shop’s staff rate an order.');
      if (order.status !== OrderStatus.COMPLETED) {
        throw UserFacingError.of(
          'orderId',
          OrderErrorCode.NotRateable,
          'An order can be rated once completed.',
        );
      }
      if (!order.open) {
        throw UserFacingError.of(
          'orderId',
          OrderErrorCode.NotRateable,
          `Ratings close ${RATING_WINDOW_DAYS} days after completion.`,
        );
      }
      const inserted = await this.db.query<{ orderId: string }>(
        `INSERT INTO order_ratings (order_id, side, merchant_id, buyer_id, rater_id, rating, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING order_id AS "orderId"`,
        [order.id, side, order.merchantId, order.buyerId, actorId, rating, comment],
      );
      if (inserted.length === 0) {
        throw UserFacingError.of(
          'orderId',
          OrderErrorCode.AlreadyRated,
          side === RatingSide.BUYER
            ? 'You rated this shop for this order already.'
            : 'This buyer was rated for this order already.',
        );
      }
      await this.events.changed(order.id);
      return (await this.db.repo(Order).findOneBy({ id: order.id }))!;
    });
  }
}
