import type { DomainModule } from '../core/module';
import { registerNodeType } from '../core/relay/node';
import { Order } from './order.entity';
import { OrderFieldsResolver } from './order-fields.resolver';
import { OrderResolver } from './order.resolver';
import { OrderService } from './order.service';
import { UserOrdersResolver } from './user-orders.resolver';
import './orders.personal-data';

registerNodeType('Order', Order, (ctx, ids) => ctx.container.get(OrderService).findVisible(ctx, ids));

export const ordersModule: DomainModule = {
  name: 'orders',
  entities: [Order],
  resolvers: [OrderResolver, OrderFieldsResolver, UserOrdersResolver],
};
