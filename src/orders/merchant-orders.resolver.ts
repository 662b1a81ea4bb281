import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { ConnectionArgs } from '../core/relay/connection-args';
import { Merchant } from '../catalog/merchant.entity';
import { OrderStatus } from './order.entity';
import { OrderConnection } from './order.inputs';
import { MerchantOrdersService } from './merchant-orders.service';

@Injectable()
@Resolver(() => Merchant)
export class MerchantOrdersResolver {
  constructor(private readonly merchantOrders: MerchantOrdersService) {}

  @FieldResolver(() => OrderConnection, {
    description:
      'The shop’s orders, newest first, for its staff (an empty connection for anyone else); `status` keeps those of the statuses given.',
  })
  orders(
    @Root() merchant: Merchant,
    @Args() args: ConnectionArgs,
    @Arg('status', () => [OrderStatus], {
      nullable: true,
      description: 'Only orders in these statuses; all when left out or empty.',
    })
    status: OrderStatus[] | null,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return this.merchantOrders.ordersOf(ctx, merchant.id, args, status);
  }
}
