import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { type Context, resetLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { localId } from '../core/relay/global-id';
import { GroupBuyPool } from './pool.entity';
import { PoolFeedService } from './pool-feed.service';

@Injectable()
@Resolver(() => GroupBuyPool)
export class PoolUpdatesResolver {
  @Subscription(() => GroupBuyPool, {
    description:
      'The pool’s state at once, then after every change (joins, leaves, tiers reached, status), from whichever instance made it. Under a burst, states may be merged; the last one sent is always the true state. Ends after the pool succeeds, fails or is cancelled.',
    subscribe: async ({ args, context }) => {
      const poolId = localId(args.poolId as string, 'GroupBuyPool');
      const feed = (context as Context).container.get(PoolFeedService);
      if (!poolId || !(await feed.load(poolId))) {
        throw new GraphQLError('No pool with this ID.', { extensions: { code: 'NOT_FOUND' } });
      }
      return feed.watch(poolId);
    },
  })
  poolUpdated(
    @Root() pool: GroupBuyPool,
    @Arg('poolId', () => ID, { description: 'The pool to watch.' }) _poolId: string,
    @Ctx() ctx: Context,
  ): GroupBuyPool {
    // The context lives as long as the subscription: every state starts with empty loaders.
    resetLoaders(ctx);
    return pool;
  }
}
