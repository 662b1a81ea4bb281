import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { OpinionLeaderService } from './opinion-leader.service';

@ObjectType({
  description: 'Someone whose reviews in a category lead buying decisions, and why, for the viewer.',
})
export class OpinionLeader {
  userId: string;

  @Field(() => Float, {
    description:
      'How strongly they lead for the viewer: 1 to 2 for people the viewer’s trust network trusts, 0 to 1 for others.',
  })
  score: number;

  @Field(() => Int, { description: 'Their reviews of products in the category.' })
  reviewCount: number;

  @Field({
    description:
      'Why they are listed, in words ("You trust Anna; 3 reviews in Käse, found helpful 5 times.").',
  })
  reason: string;
}

@Injectable()
@Resolver(() => OpinionLeader)
export class OpinionLeaderResolver {
  constructor(
    private readonly leaders: OpinionLeaderService,
    private readonly users: UserLoaders,
  ) {}

  @Query(() => [OpinionLeader], {
    description:
      'People with at least one review in the category, first those the viewer’s trust network trusts most (propagated trust, how many the viewer reaches trust them, helpful votes), then others by trusters and helpful votes. Only discoverable people whose profile the viewer may see.',
  })
  async opinionLeaders(
    @Arg('category', { description: 'The category, compared in any case, e.g. "Käse".' }) category: string,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 10 unless given, at most 50.' })
    first: number | null,
    @Ctx() ctx: Context,
  ): Promise<OpinionLeader[]> {
    const ranked = await this.leaders.forCategory(ctx, category, first);
    return ranked.map((r) => Object.assign(new OpinionLeader(), r));
  }

  @FieldResolver(() => User, { description: 'The person.' })
  async user(@Root() leader: OpinionLeader, @Ctx() ctx: Context): Promise<User> {
    return (await this.users.of(ctx).byId.load(leader.userId))!;
  }
}
