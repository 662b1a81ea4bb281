import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { ConnectionArgs } from '../core/relay/connection-args';
import { emptyConnection, toConnection } from '../core/relay/connection';
import { AudiencePolicy } from '../privacy/audience.policy';
import { User } from '../users/user.entity';
import { ReviewListingService } from './review-listing.service';
import { ReviewConnection } from './review.types';

@Injectable()
@Resolver(() => User)
export class UserReviewsResolver {
  constructor(
    private readonly listing: ReviewListingService,
    private readonly audience: AudiencePolicy,
  ) {}

  @FieldResolver(() => ReviewConnection, {
    description:
      'The reviews this person wrote, newest first, as far as their profile audience lets you see; otherwise empty.',
  })
  async reviews(@Root() user: User, @Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<object> {
    if (!(await this.audience.canSee(ctx, user, 'profile'))) return emptyConnection(ReviewConnection);
    return toConnection(ReviewConnection, await this.listing.byAuthor(user.id, args));
  }
}
