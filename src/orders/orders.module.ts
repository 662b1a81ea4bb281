import { JobQueue } from '../core/jobs/job-queue';
import { MerchantOrdersResolver } from './merchant-orders.resolver';
import { BuyerRatingResolver, MerchantRatingResolver, OrderRatingResolver } from './order-rating.resolver';
import type { DomainModule } from '../core/module';
import { OrderLifecycleResolver } from './order-lifecycle.resolver';
import { AUTO_COMPLETE_QUEUE, type AutoCompleteJob, OrderLifecycleService } from './order-lifecycle.service';
import { orderNotificationKinds } from './orders.notification-kinds';
import { Order } from './order.entity';
import { OrderEvent } from './order-event.entity';
import { OrderRating } from './order-rating.entity';
import { OrderEventFieldsResolver, OrderFieldsResolver } from './order-fields.resolver';
import { OrderResolver } from './order.resolver';
import { OrderService } from './order.service';
import { orderPersonalData } from './orders.personal-data';
import { UserOrdersResolver } from './user-orders.resolver';

export const ordersModule: DomainModule = {
  name: 'orders',
  entities: [Order, OrderEvent, OrderRating],
  resolvers: [
    OrderResolver,
    OrderFieldsResolver,
    OrderEventFieldsResolver,
    OrderLifecycleResolver,
    UserOrdersResolver,
    MerchantOrdersResolver,
    OrderRatingResolver,
    MerchantRatingResolver,
    BuyerRatingResolver,
  ],
  nodeTypes: [
    { typeName: 'Order', fetch: (ctx, ids) => ctx.container.get(OrderService).findVisible(ctx, ids) },
  ],
  personalData: orderPersonalData,
  notificationKinds: orderNotificationKinds,
  /** Every instance works the automatic completion; orders that fell due while none ran are queued again. */
  async start(container) {
    const lifecycle = container.get(OrderLifecycleService);
    await container.get(JobQueue).work<AutoCompleteJob>(AUTO_COMPLETE_QUEUE, async ({ orderId }) => {
      await lifecycle.autoComplete(orderId);
    });
    await lifecycle.scheduleOverdue();
  },
};
