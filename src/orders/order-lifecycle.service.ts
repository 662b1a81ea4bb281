import { WebhookService } from '../apps/webhook.service';
import { z } from 'zod';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import { UserErrorCode, UserFacingError, notFound } from '../core/errors/user-error';
import { JobQueue } from '../core/jobs/job-queue';
import { toGlobalId } from '../core/relay/global-id';
import { validate } from '../core/validation';
import { MerchantService } from '../catalog/merchant.service';
import { ProductStockService } from '../catalog/product-stock.service';
import { NotificationSenderService } from '../notifications/notification-sender.service';
import { DeliveryAddress, FulfilmentMethod, Order, OrderStatus } from './order.entity';
import { OrderEvents } from './order.events';
import { OrderErrorCode } from './order-errors';
import { AUTO_COMPLETE_DAYS, judgeMove, OrderMove, type OrderRole } from './order-lifecycle';

export const AUTO_COMPLETE_QUEUE = 'order-auto-complete';

export interface AutoCompleteJob {
  orderId: string;
}

export const ORDER_STATUS_CHANGED = 'ORDER_STATUS_CHANGED';

const noteRules = z.object({
  note: z.string().trim().max(500, 'The note can have at most 500 characters.').nullish(),
});
const reasonRules = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the order is cancelled.')
    .max(500, 'The reason can have at most 500 characters.'),
});

const line = (name: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `The ${name} cannot be empty.`)
    .max(max, `The ${name} can have at most ${max} characters.`);

const addressRules = z.object({
  name: line('name', 120),
  line1: line('first address line', 200),
  line2: z
    .string()
    .trim()
    .max(200, 'The second address line can have at most 200 characters.')
    .nullish()
    .transform((v) => (v ? v : null)),
  postalCode: line('postal code', 20),
  city: line('city', 120),
  country: line('country', 80),
});

export interface FulfilmentChange {
  method: FulfilmentMethod;
  address?: Partial<DeliveryAddress> | null;
}

/**
 * The order lifecycle (`order-lifecycle.ts` says which moves exist): every move locks the order's row, checks who
 * moves it and from which status, writes the status and the history in one transaction (a cancel also gives its
 * units back), and after commit pushes the order on `orderUpdated` and tells the other side. Concurrent moves of one
 * order serialize on the row lock, so a confirm and a cancel at once end in exactly one of them.
 */
@Injectable()
export class OrderLifecycleService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly merchants: MerchantService,
    private readonly stock: ProductStockService,
    private readonly notifications: NotificationSenderService,
    private readonly events: OrderEvents,
    private readonly webhooks: WebhookService,
  ) {}

  /** Moves the order as `actorId` (null: the system); `note` is a READY's note or a cancel's reason. */
  async move(
    actorId: string | null,
    orderId: string | null,
    move: OrderMove,
    note: string | null = null,
  ): Promise<Order> {
    const said =
      move === OrderMove.CANCEL
        ? validate(reasonRules, { reason: note ?? '' }).reason
        : (validate(noteRules, { note }).note ?? null);
    const result = await this.db.transaction(async () => {
      const order = await this.lock(orderId);
      const roles = await this.rolesOf(actorId, order);
      const verdict = judgeMove(move, order.status, roles);
      if (!verdict.ok) {
        if (verdict.reason === 'FORBIDDEN') throw new ForbiddenError('You may not move this order so.');
        throw UserFacingError.of(
          'orderId',
          OrderErrorCode.InvalidTransition,
          `A ${order.status.toLowerCase()} order cannot be ${pastOf(move)}.`,
        );
      }
      const [moved] = await this.db.query<{ readyAt: Date | null }>(
        // In a WITH: TypeORM answers a bare UPDATE with its row count, not its rows.
        `WITH moved AS (
           UPDATE orders SET status = $2::order_status,
                  ready_at = CASE WHEN $2::order_status = 'READY' THEN now() ELSE ready_at END,
                  completed_at = CASE WHEN $2::order_status = 'COMPLETED' THEN now() ELSE completed_at END
            WHERE id = $1 RETURNING ready_at)
         SELECT ready_at AS "readyAt" FROM moved`,
        [order.id, verdict.to],
      );
      await this.db.query(
        'INSERT INTO order_events (order_id, status, at, actor_id, note) VALUES ($1, $2, now(), $3, $4)',
        [order.id, verdict.to, actorId, said || null],
      );
      if (verdict.to === OrderStatus.CANCELLED && order.productId) {
        await this.stock.release(order.productId, order.quantity);
      }
      await this.tellOtherSide(order, verdict.to, verdict.as, actorId);
      await this.webhooks.record('order.updated', [order.id]);
      await this.events.changed(order.id);
      return { id: order.id, status: verdict.to, readyAt: moved.readyAt };
    });
    if (result.status === OrderStatus.READY && result.readyAt) {
      await this.scheduleAutoComplete(result.id, result.readyAt);
    }
    return (await this.db.repo(Order).findOneBy({ id: result.id }))!;
  }

  /**
   * Pickup or delivery, the buyer's choice while PLACED or CONFIRMED; a delivery needs a whole address, a pickup
   * drops it. Pushed on `orderUpdated` like a move.
   */
  async setFulfilment(actorId: string, orderId: string | null, change: FulfilmentChange): Promise<Order> {
    let address: DeliveryAddress | null = null;
    if (change.method === FulfilmentMethod.DELIVERY) {
      if (!change.address)
        throw UserFacingError.of('address', UserErrorCode.Invalid, 'A delivery needs an address.');
      const parsed = addressRules.safeParse(change.address);
      if (!parsed.success) {
        throw new UserFacingError(
          parsed.error.issues.map((issue) => ({
            field: ['input', 'address', ...issue.path.map(String)],
            code:
              issue.code === 'too_small'
                ? UserErrorCode.TooShort
                : issue.code === 'too_big'
                  ? UserErrorCode.TooLong
                  : UserErrorCode.Invalid,
            message: issue.message,
          })),
        );
      }
      address = parsed.data;
    }
    return this.db.transaction(async () => {
      const order = await this.lock(orderId);
      if (order.buyerId !== actorId) {
        const staff = await this.merchants.roleOf(actorId, order.merchantId);
        throw staff
          ? new ForbiddenError('Only the buyer chooses how an order reaches them.')
          : new ForbiddenError();
      }
      if (order.status !== OrderStatus.PLACED && order.status !== OrderStatus.CONFIRMED) {
        throw UserFacingError.of(
          'orderId',
          OrderErrorCode.InvalidTransition,
          'The fulfilment can only change while the order is placed or confirmed.',
        );
      }
      await this.db.query('UPDATE orders SET fulfilment_method = $2, delivery_address = $3 WHERE id = $1', [
        order.id,
        change.method,
        address ? JSON.stringify(address) : null,
      ]);
      await this.webhooks.record('order.updated', [order.id]);
      await this.events.changed(order.id);
      return (await this.db.repo(Order).findOneBy({ id: order.id }))!;
    });
  }

  /**
   * The job: completes the order when it is still READY and its 14 days have passed; a job that runs early is put
   * back for the time due. A second delivery finds the order completed and does nothing.
   */
  async autoComplete(orderId: string): Promise<boolean> {
    const [due] = await this.db.query<{ due: boolean; readyAt: Date }>(
      `SELECT ready_at <= now() - make_interval(days => $2) AS due, ready_at AS "readyAt"
         FROM orders WHERE id = $1 AND status = 'READY'`,
      [orderId, AUTO_COMPLETE_DAYS],
    );
    if (!due) return false;
    if (!due.due) {
      await this.scheduleAutoComplete(orderId, due.readyAt);
      return false;
    }
    try {
      await this.move(null, orderId, OrderMove.COMPLETE);
      return true;
    } catch (error) {
      // Completed or cancelled meanwhile by someone else: nothing left to do.
      if (error instanceof UserFacingError) return false;
      throw error;
    }
  }

  /** Queues the completion of every order that became due while no instance ran; the completion is idempotent. */
  async scheduleOverdue(): Promise<number> {
    const due = await this.db.query<{ id: string; readyAt: Date }>(
      `SELECT id, ready_at AS "readyAt" FROM orders
        WHERE status = 'READY' AND ready_at <= now() - make_interval(days => $1)`,
      [AUTO_COMPLETE_DAYS],
    );
    for (const order of due) await this.scheduleAutoComplete(order.id, order.readyAt);
    return due.length;
  }

  private scheduleAutoComplete(orderId: string, readyAt: Date): Promise<void> {
    const runAt = new Date(readyAt.getTime() + AUTO_COMPLETE_DAYS * 86_400_000);
    return this.jobs.schedule<AutoCompleteJob>(AUTO_COMPLETE_QUEUE, { orderId }, runAt, `order:${orderId}`);
  }

  /** The order, its row locked for the move; NOT_FOUND on `orderId` when there is none. */
  private async lock(orderId: string | null): Promise<Order> {
    const order = orderId
      ? await this.db
          .repo(Order)
          .createQueryBuilder('o')
          .setLock('pessimistic_write')
          .where('o.id = :orderId', { orderId })
          .getOne()
      : null;
    if (!order) throw notFound('orderId', 'order');
    return order;
  }

  private async rolesOf(actorId: string | null, order: Order): Promise<OrderRole[]> {
    if (actorId === null) return ['system'];
    const roles: OrderRole[] = [];
    if (order.buyerId === actorId) roles.push('buyer');
    if (await this.merchants.roleOf(actorId, order.merchantId)) roles.push('staff');
    return roles;
  }

  /** ORDER_STATUS_CHANGED: the shop's moves to the buyer, the buyer's to the staff, the system's to both. */
  private async tellOtherSide(
    order: Order,
    status: OrderStatus,
    as: OrderRole,
    actorId: string | null,
  ): Promise<void> {
    const recipients = new Set<string>();
    if (as !== 'buyer' && order.buyerId) recipients.add(order.buyerId);
    if (as !== 'staff') for (const id of await this.merchants.staffIds(order.merchantId)) recipients.add(id);
    if (actorId) recipients.delete(actorId);
    await this.notifications.sendToMany(
      [...recipients],
      ORDER_STATUS_CHANGED,
      { orderId: toGlobalId('Order', order.id), status, title: order.title },
      actorId,
    );
  }
}

function pastOf(move: OrderMove): string {
  return { CONFIRM: 'confirmed', READY: 'marked ready', COMPLETE: 'completed', CANCEL: 'cancelled' }[move];
}
