import { Injectable } from '../core/container';
import { WebhookService } from '../apps/webhook.service';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { JobQueue } from '../core/jobs/job-queue';
import { toGlobalId } from '../core/relay/global-id';
import { NotificationSenderService } from '../notifications/notification-sender.service';
import { OrderService } from '../orders/order.service';
import { MerchantService } from '../catalog/merchant.service';
import { Money } from '../core/money';
import { ProductStockService } from '../catalog/product-stock.service';
import { GroupBuyPool, JOINABLE_SQL, PoolStatus } from './pool.entity';
import { PoolEvents } from './pool.events';
import { unitPriceAt } from './pricing';

export const CLOSE_QUEUE = 'pool_close';

export interface CloseJob {
  poolId: string;
}

type ClosedRow = Pick<
  GroupBuyPool,
  | 'id'
  | 'status'
  | 'committed'
  | 'capacity'
  | 'tiers'
  | 'listPriceMinor'
  | 'currency'
  | 'productId'
  | 'merchantId'
>;

const RETURNING = `id, status, committed, capacity, tiers, list_price_minor AS "listPriceMinor", currency,
  product_id AS "productId", merchant_id AS "merchantId"`;

/**
 * How pools end: at the deadline (a job on the queue) or cancelled before it. Each end is a status-guarded UPDATE in
 * one transaction with everything that follows from it (orders, stock, notifications), so a job delivered twice,
 * or run by two instances at once, has its effect once; the second finds the status changed and does nothing.
 */
@Injectable()
export class PoolClosingService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly stock: ProductStockService,
    private readonly notifications: NotificationSenderService,
    private readonly orders: OrderService,
    private readonly events: PoolEvents,
    private readonly webhooks: WebhookService,
    private readonly merchants: MerchantService,
  ) {}

  /** Puts the pool's close on the queue for its deadline. */
  schedule(pool: Pick<GroupBuyPool, 'id' | 'deadline'>): Promise<void> {
    return this.jobs.schedule<CloseJob>(CLOSE_QUEUE, { poolId: pool.id }, pool.deadline, `pool:${pool.id}`);
  }

  /** Queues the close of every pool whose deadline passed while no instance ran; the close itself is idempotent. */
  async scheduleOverdue(): Promise<number> {
    const overdue = await this.db.query<{ id: string; deadline: Date }>(
      `SELECT id, deadline FROM pools WHERE status IN ${JOINABLE_SQL} AND deadline <= now()`,
    );
    for (const pool of overdue) await this.schedule(pool);
    return overdue.length;
  }

  /**
   * The job: SUCCEEDED with an order per member at the lowest tier price reached, or FAILED below the tipping
   * point. A job that runs early (clocks) is put back for the deadline.
   */
  async close(poolId: string): Promise<PoolStatus | null> {
    const closed = await this.db.transaction(async () => {
      const [row] = await this.db.query<ClosedRow>(
        `WITH closed AS (
           UPDATE pools SET status = CASE WHEN status = 'OPEN' THEN 'FAILED'::pool_status ELSE 'SUCCEEDED'::pool_status END,
                  closed_at = now(), revision = revision + 1, updated_at = now()
            WHERE id = $1 AND status IN ${JOINABLE_SQL} AND deadline <= clock_timestamp()
           RETURNING ${RETURNING})
         SELECT * FROM closed`,
        [poolId],
      );
      if (!row) return null;
      await this.webhooks.record(row.status === PoolStatus.FAILED ? 'pool.failed' : 'pool.succeeded', [
        row.id,
      ]);
      if (row.status === PoolStatus.FAILED) {
        await this.stock.release(row.productId, row.capacity);
        const members = await this.db.query<{ user_id: string }>(
          'SELECT user_id FROM pool_memberships WHERE pool_id = $1',
          [row.id],
        );
        await this.notifications.sendToMany(
          members.map((m) => m.user_id),
          'POOL_FAILED',
          { poolId: toGlobalId('GroupBuyPool', row.id) },
        );
        return row;
      }
      const price = unitPriceAt(row.listPriceMinor, row.tiers, row.committed);
      await this.db.query('UPDATE pools SET final_unit_price_minor = $2 WHERE id = $1', [row.id, price]);
      const members = await this.db.query<{ buyerId: string; quantity: number }>(
        'SELECT user_id AS "buyerId", quantity FROM pool_memberships WHERE pool_id = $1',
        [row.id],
      );
      const buyers = await this.orders.placeForPool({
        poolId: row.id,
        merchantId: row.merchantId,
        productId: row.productId,
        unitPriceMinor: price,
        currency: row.currency,
        members,
      });
      await this.stock.release(row.productId, row.capacity - row.committed);
      const finalPrice = { amount: Money.of(price, row.currency).amount, currencyCode: row.currency };
      await this.notifications.sendToMany(buyers, 'POOL_SUCCEEDED', {
        poolId: toGlobalId('GroupBuyPool', row.id),
        unitPrice: finalPrice,
      });
      // The shop is told once for the whole pool, not once per member.
      if (buyers.length > 0) {
        await this.notifications.sendToMany(await this.merchants.staffIds(row.merchantId), 'POOL_SUCCEEDED', {
          poolId: toGlobalId('GroupBuyPool', row.id),
          unitPrice: finalPrice,
          orders: buyers.length,
          quantity: row.committed,
        });
      }
      return row;
    });
    if (closed) {
      this.events.announce(poolId);
      return closed.status;
    }
    await this.rescheduleIfEarly(poolId);
    return null;
  }

  /**
   * Cancels an open pool before its deadline: its stock goes back and every member is told, with `reason` in the
   * notification's data. Permission is the caller's business.
   */
  async cancel(poolId: string, actorId: string | null, reason = 'MERCHANT'): Promise<void> {
    await this.db.transaction(async () => {
      const [row] = await this.db.query<ClosedRow>(
        `WITH cancelled AS (
           UPDATE pools SET status = 'CANCELLED', closed_at = now(), revision = revision + 1, updated_at = now()
            WHERE id = $1 AND status IN ${JOINABLE_SQL} AND deadline > clock_timestamp()
           RETURNING ${RETURNING})
         SELECT * FROM cancelled`,
        [poolId],
      );
      if (!row) throw await this.whyNotCancelled(poolId);
      await this.webhooks.record('pool.cancelled', [poolId]);
      await this.stock.release(row.productId, row.capacity);
      const members = await this.db.query<{ user_id: string }>(
        'SELECT user_id FROM pool_memberships WHERE pool_id = $1',
        [poolId],
      );
      await this.notifications.sendToMany(
        members.map((m) => m.user_id),
        'POOL_CANCELLED',
        { poolId: toGlobalId('GroupBuyPool', poolId), reason },
        actorId,
      );
      await this.events.changed(poolId);
    });
  }

  private async whyNotCancelled(poolId: string): Promise<UserFacingError> {
    const [pool] = await this.db.query<{ status: PoolStatus }>('SELECT status FROM pools WHERE id = $1', [
      poolId,
    ]);
    if (!pool) return UserFacingError.of('poolId', UserErrorCode.NotFound, 'No pool with this ID.');
    if (pool.status === PoolStatus.CANCELLED) {
      return UserFacingError.of('poolId', UserErrorCode.NotOpen, 'This pool is cancelled already.');
    }
    return UserFacingError.of('poolId', UserErrorCode.DeadlinePassed, 'This pool’s deadline has passed.');
  }

  private async rescheduleIfEarly(poolId: string): Promise<void> {
    const [early] = await this.db.query<{ id: string; deadline: Date }>(
      `SELECT id, deadline FROM pools
        WHERE id = $1 AND status IN ${JOINABLE_SQL} AND deadline > clock_timestamp()`,
      [poolId],
    );
    if (early) await this.schedule(early);
  }
}
