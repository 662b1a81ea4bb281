import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Order, OrderSource } from '../orders/order.entity';
import { GroupBuyPool } from './pool.entity';
import { PoolLoaders } from './pool.loaders';

/** The pool an order came from, on Order (orders know nothing of pools). */
@Injectable()
@Resolver(() => Order)
export class OrderPoolResolver {
  constructor(private readonly pools: PoolLoaders) {}

  @FieldResolver(() => GroupBuyPool, {
    nullable: true,
    description: 'The group-buy pool this order came from; null for other sources.',
  })
  pool(@Root() order: Order, @Ctx() ctx: Context): Promise<GroupBuyPool | null> | null {
    return order.source === OrderSource.POOL && order.sourceId
      ? this.pools.of(ctx).byId.load(order.sourceId)
      : null;
  }
}
