import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { ConnectionArgs } from '../core/relay/connection-args';
import { emptyConnection } from '../core/relay/connection';
import { User } from '../users/user.entity';
import { PoolService } from './pool.service';
import { GroupBuyPoolConnection } from './pool.types';

@Injectable()
@Resolver(() => User)
export class UserPoolsResolver {
  constructor(private readonly poolService: PoolService) {}

  @FieldResolver(() => GroupBuyPoolConnection, {
    description:
      'The group buys this person joined, newest first; for the person only, empty for anyone else.',
  })
  pools(@Root() user: User, @Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<object> | object {
    if (ctx.viewer?.id !== user.id) return emptyConnection(GroupBuyPoolConnection);
    return this.poolService.joinedBy(user.id, args);
  }
}
