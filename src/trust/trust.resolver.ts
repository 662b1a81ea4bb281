import {
  Arg,
  Authorized,
  Ctx,
  Extensions,
  Int,
  Mutation,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { FriendRecommendation } from './friend-recommendation.type';
import { recommendationCount, RECOMMENDATIONS_FIRST } from './recommendation-count';
import { RecommendationFeedService } from './recommendation-feed.service';
import {
  BlockUserInput,
  BlockUserPayload,
  TrustUserInput,
  TrustUserPayload,
  UnblockUserInput,
  UnblockUserPayload,
  UntrustUserInput,
  UntrustUserPayload,
} from './trust.inputs';
import { TrustService } from './trust.service';
import { VIEWER_DEPENDENT } from '../core/subscriptions/viewer-dependence';

@Injectable()
@Resolver()
export class TrustResolver {
  constructor(private readonly trust: TrustService) {}

  @Authorized()
  @Mutation(() => TrustUserPayload, {
    description:
      'Trusts a person at a level from 1 to 5, or changes the level. Not oneself, nor someone blocked either way.',
  })
  trustUser(
    @Arg('input', { description: 'The person to trust and how much, from 1 (a little) to 5 (fully).' })
    input: TrustUserInput,
    @Ctx() ctx: Context,
  ): Promise<TrustUserPayload> {
    const viewerId = requireViewer(ctx);
    const id = localId(input.userId, 'User');
    return toPayload(
      TrustUserPayload,
      () => this.trust.trust(ctx, viewerId, id, input.level),
      (user) => ({ user }),
    );
  }

  @Authorized()
  @Mutation(() => UntrustUserPayload, {
    description: 'Stops trusting a person; nothing happens if one did not.',
  })
  untrustUser(
    @Arg('input', { description: 'The person to trust no longer.' }) input: UntrustUserInput,
    @Ctx() ctx: Context,
  ): Promise<UntrustUserPayload> {
    const viewerId = requireViewer(ctx);
    const id = localId(input.userId, 'User');
    return toPayload(
      UntrustUserPayload,
      () => this.trust.untrust(ctx, viewerId, id),
      (user) => ({ user }),
    );
  }

  @Authorized()
  @Mutation(() => BlockUserPayload, {
    description:
      'Blocks a person: trust between the two is removed both ways, neither can trust the other, and each is hidden from the other’s recommendations and propagated trust.',
  })
  blockUser(
    @Arg('input', { description: 'The person to block.' }) input: BlockUserInput,
    @Ctx() ctx: Context,
  ): Promise<BlockUserPayload> {
    const viewerId = requireViewer(ctx);
    const id = localId(input.userId, 'User');
    return toPayload(
      BlockUserPayload,
      () => this.trust.block(ctx, viewerId, id),
      (user) => ({ user }),
    );
  }

  @Authorized()
  @Mutation(() => UnblockUserPayload, {
    description: 'Lifts one’s block of a person. Trust removed by the block is not restored.',
  })
  unblockUser(
    @Arg('input', { description: 'The person whose block to lift.' }) input: UnblockUserInput,
    @Ctx() ctx: Context,
  ): Promise<UnblockUserPayload> {
    const viewerId = requireViewer(ctx);
    const id = localId(input.userId, 'User');
    return toPayload(
      UnblockUserPayload,
      () => this.trust.unblock(ctx, viewerId, id),
      (user) => ({ user }),
    );
  }

  @Authorized()
  @Extensions(VIEWER_DEPENDENT)
  @Subscription(() => [FriendRecommendation], {
    description:
      'The signed-in user’s top friend recommendations, sent whenever a change of trust within two hops of them changes the list (from any server instance); not sent at subscribe time.',
    subscribe: ({ context, args }: SubscribeResolverData<unknown, { first?: number | null }, Context>) =>
      context.container
        .get(RecommendationFeedService)
        .watch(context, requireViewer(context), recommendationCount(args.first)),
  })
  friendRecommendationsChanged(
    @Root() list: FriendRecommendation[],
    @Arg('first', () => Int, { nullable: true, description: RECOMMENDATIONS_FIRST }) _first?: number | null,
  ): FriendRecommendation[] {
    return list;
  }
}
