import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ConnectionArgs } from '../core/relay/connection-args';
import { emptyConnection, toConnection } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { AudiencePolicy } from '../privacy/audience.policy';
import { User } from '../users/user.entity';
import { Review } from './review.entity';
import { ReviewConnection } from './review.types';

@Injectable()
@Resolver(() => User)
export class UserReviewsResolver {
  constructor(
    private readonly db: Database,
    private readonly audience: AudiencePolicy,
  ) {}

  @FieldResolver(() => ReviewConnection, {
    description:
      'The reviews this person wrote, newest first, as far as their profile audience lets you see; otherwise empty.',
  })
  async reviews(@Root() user: User, @Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<object> {
    if (!(await this.audience.canSee(ctx, user, 'profile'))) return emptyConnection(ReviewConnection);
    const query = this.db
      .repo(Review)
      .createQueryBuilder('review')
      .where('review.authorId = :userId', { userId: user.id });
    return toConnection(
      ReviewConnection,
      await paginate(query, args, {
        columns: ['review.createdAt', 'review.id'],
        key: (r) => [r.createdAt, r.id],
        direction: 'DESC',
      }),
    );
  }
}
