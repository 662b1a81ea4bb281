import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ConnectionArgs } from '../core/relay/connection-args';
import { emptyConnection, toConnection } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { User } from '../users/user.entity';
import { GroupBuyPool } from './pool.entity';
import { GroupBuyPoolConnection } from './pool.types';

@Injectable()
@Resolver(() => User)
export class UserPoolsResolver {
  constructor(private readonly db: Database) {}

  @FieldResolver(() => GroupBuyPoolConnection, {
    description:
      'The group buys this person joined, newest first; for the person only, empty for anyone else.',
  })
  async pools(@Root() user: User, @Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<object> {
    if (ctx.viewer?.id !== user.id) return emptyConnection(GroupBuyPoolConnection);
    const query = this.db
      .repo(GroupBuyPool)
      .createQueryBuilder('pool')
      .where('pool.id IN (SELECT m.pool_id FROM pool_memberships m WHERE m.user_id = :userId)', {
        userId: user.id,
      });
    return toConnection(
      GroupBuyPoolConnection,
      await paginate(query, args, {
        columns: ['pool.createdAt', 'pool.id'],
        key: (p) => [p.createdAt, p.id],
        direction: 'DESC',
      }),
    );
  }
}
