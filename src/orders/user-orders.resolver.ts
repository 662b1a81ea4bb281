import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { User } from '../users/user.entity';
import { ConnectionArgs } from '../core/relay/connection-args';
import { OrderConnection } from './order.inputs';
import { OrderService } from './order.service';

@Injectable()
@Resolver(() => User)
export class UserOrdersResolver {
  constructor(private readonly orderService: OrderService) {}

  @FieldResolver(() => OrderConnection, {
    description:
      'This person’s orders, newest first, as far as their order-history audience lets you see (private by default: only they see them); otherwise empty.',
  })
  orders(@Root() user: User, @Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<object> {
    return this.orderService.ordersOf(ctx, user, args);
  }
}
