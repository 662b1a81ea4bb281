import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ConnectionArgs } from '../core/relay/connection-args';
import { emptyConnection, toConnection } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { User } from '../users/user.entity';
import { PriceRequest } from './price-request.entity';
import { PriceRequestConnection } from './price-request.inputs';

@Injectable()
@Resolver(() => User)
export class UserPriceRequestsResolver {
  constructor(private readonly db: Database) {}

  @FieldResolver(() => PriceRequestConnection, {
    description:
      'The price requests this person posted or joined, newest first; for the person only, empty for anyone else.',
  })
  async priceRequests(
    @Root() user: User,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<object> {
    if (ctx.viewer?.id !== user.id) return emptyConnection(PriceRequestConnection);
    const query = this.db
      .repo(PriceRequest)
      .createQueryBuilder('r')
      .where(
        '(r.buyerId = :userId OR r.id IN (SELECT p.request_id FROM price_request_participants p WHERE p.buyer_id = :userId))',
        { userId: user.id },
      );
    return toConnection(
      PriceRequestConnection,
      await paginate(query, args, {
        columns: ['r.createdAt', 'r.id'],
        key: (r) => [r.createdAt, r.id],
        direction: 'DESC',
      }),
    );
  }
}
