import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { ConnectionArgs } from '../core/relay/connection-args';
import { emptyConnection, toConnection } from '../core/relay/connection';
import { User } from '../users/user.entity';
import { PriceRequestConnection } from './price-request.inputs';
import { PriceRequestService } from './price-request.service';

@Injectable()
@Resolver(() => User)
export class UserPriceRequestsResolver {
  constructor(private readonly requests: PriceRequestService) {}

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
    return toConnection(PriceRequestConnection, await this.requests.ofParticipant(user.id, args));
  }
}
