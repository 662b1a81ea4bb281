import type { DomainModule } from '../core/module';
import { Order } from './order.entity';
import { OrderFieldsResolver } from './order-fields.resolver';
import { OrderResolver } from './order.resolver';
import { OrderService } from './order.service';
import { orderPersonalData } from './orders.personal-data';
import { UserOrdersResolver } from './user-orders.resolver';

export const ordersModule: DomainModule = {
  name: 'orders',
  entities: [Order],
  resolvers: [OrderResolver, OrderFieldsResolver, UserOrdersResolver],
  nodeTypes: [
    { typeName: 'Order', fetch: (ctx, ids) => ctx.container.get(OrderService).findVisible(ctx, ids) },
  ],
  personalData: orderPersonalData,
};
