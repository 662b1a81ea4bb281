import { Arg, Args, Ctx, Extensions, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { FriendRecommendation } from './friend-recommendation.type';
import { FriendRecommendationService } from './friend-recommendation.service';
import { recommendationCount, RECOMMENDATIONS_FIRST } from './recommendation-count';
import { TrustListService } from './trust-list.service';
import { TrustPageArgs, UserTrustConnection } from './trust-list.types';
import { TrustPathService } from './trust-path.service';
import { TrustScoreService } from './trust-score.service';
import { VIEWER_DEPENDENT } from '../core/subscriptions/viewer-dependence';

const HIDDEN_LIST = 'Empty when this person’s trust-list audience does not include you.';

/** A person's trust relations, and what follows from them for the viewer. Every field is batched per operation. */
@Injectable()
@Resolver(() => User)
export class UserTrustFieldsResolver {
  constructor(
    private readonly scores: TrustScoreService,
    private readonly paths: TrustPathService,
    private readonly lists: TrustListService,
    private readonly recommendations: FriendRecommendationService,
    private readonly users: UserLoaders,
  ) {}

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Your propagated trust in this person, in (0, 1]: MoleTrust over at most 3 hops, each trust weighing level / 5; null when they are out of reach, blocked either way, yourself, or you are not signed in, and when the value would come only from one other person’s edge in a PRIVATE trust list (two people’s private edges blend, and show).',
  })
  viewerTrust(@Root() user: User, @Ctx() ctx: Context): Promise<number | null> {
    return this.scores.of(ctx, user.id);
  }

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => [User], {
    nullable: true,
    description:
      'The strongest path of your trust to this person: the people along it after you, ending with them. Only paths through people whose trust lists you may see; null when there is none.',
  })
  async viewerTrustPath(@Root() user: User, @Ctx() ctx: Context): Promise<User[] | null> {
    const path = await this.paths.of(ctx, user.id);
    if (!path) return null;
    const users = await this.users.of(ctx).byId.loadMany(path);
    return users.every((u) => u && !(u instanceof Error)) ? (users as User[]) : null;
  }

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => UserTrustConnection, {
    description: `The people this person trusts, newest first. ${HIDDEN_LIST}`,
  })
  trustees(@Root() user: User, @Args() page: TrustPageArgs, @Ctx() ctx: Context): Promise<object> {
    return this.lists.page(ctx, user, 'trustees', page);
  }

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => UserTrustConnection, {
    description: `The people who trust this person, newest first. ${HIDDEN_LIST} Each truster shows only where their own trust-list audience includes you too; totalCount counts those shown (trusterCount counts all).`,
  })
  trusters(@Root() user: User, @Args() page: TrustPageArgs, @Ctx() ctx: Context): Promise<object> {
    return this.lists.page(ctx, user, 'trusters', page);
  }

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => UserTrustConnection, {
    description: `The people both this person and you trust, newest first by this person’s trust, with this person’s level. ${HIDDEN_LIST}`,
  })
  mutualTrustees(@Root() user: User, @Args() page: TrustPageArgs, @Ctx() ctx: Context): Promise<object> {
    return this.lists.page(ctx, user, 'mutualTrustees', page);
  }

  @FieldResolver(() => Int, { description: 'How many people this person trusts; public.' })
  trusteeCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return this.lists.count(ctx, user.id, 'trustees');
  }

  @FieldResolver(() => Int, { description: 'How many people trust this person; public.' })
  trusterCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return this.lists.count(ctx, user.id, 'trusters');
  }

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => [FriendRecommendation], {
    description:
      'People you may want to trust: two hops away, ranked by the trust of your common contacts. Someone reached only through contacts with PRIVATE trust lists needs at least two such contacts. Only on your own user (`me`); empty for anyone else.',
  })
  async friendRecommendations(
    @Root() user: User,
    @Arg('first', () => Int, { nullable: true, description: RECOMMENDATIONS_FIRST }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<FriendRecommendation[]> {
    const count = recommendationCount(first);
    if (ctx.viewer?.id !== user.id) return [];
    return this.recommendations.list(ctx, user.id, count);
  }
}
