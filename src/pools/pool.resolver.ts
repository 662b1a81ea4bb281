import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { GroupBuyPool } from './pool.entity';
import {
  CancelPoolInput,
  CancelPoolPayload,
  CreatePoolInput,
  CreatePoolPayload,
  InviteToPoolInput,
  InviteToPoolPayload,
  JoinPoolInput,
  JoinPoolPayload,
  LeavePoolInput,
  LeavePoolPayload,
} from './pool.inputs';
import { PoolInvitationService } from './pool-invitation.service';
import { PoolMembershipService } from './pool-membership.service';
import { PoolLoaders } from './pool.loaders';
import { PoolService } from './pool.service';
import { GroupBuyPoolConnection, PoolListArgs } from './pool.types';

@ArgsType()
class PoolsArgs extends PoolListArgs {
  @Field(() => ID, { nullable: true, description: 'Only the pools of this product.' })
  productId?: string | null;
}

@Injectable()
@Resolver(() => GroupBuyPool)
export class PoolResolver {
  constructor(
    private readonly poolService: PoolService,
    private readonly members: PoolMembershipService,
    private readonly invitations: PoolInvitationService,
    private readonly poolLoaders: PoolLoaders,
  ) {}

  @Query(() => GroupBuyPool, { nullable: true, description: 'A group-buy pool; null when there is none.' })
  pool(
    @Arg('id', () => ID, { description: 'The pool’s global ID.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<GroupBuyPool | null> | null {
    const poolId = localId(id, 'GroupBuyPool');
    return poolId ? this.poolLoaders.of(ctx).byId.load(poolId) : null;
  }

  @Query(() => GroupBuyPoolConnection, { description: 'Group-buy pools, newest first.' })
  pools(@Args() { status, productId, ...page }: PoolsArgs, @Ctx() ctx: Context): Promise<object> {
    return this.poolService.list(
      ctx,
      { status, productId: productId == null ? undefined : localId(productId, 'Product') },
      page,
    );
  }

  @Authorized()
  @Mutation(() => CreatePoolPayload, {
    description:
      'Opens a pool for a product of your merchant: tiers with falling prices below the list price, a capacity taken from the stock, a deadline in the future.',
  })
  createPool(
    @Arg('input', { description: 'The input of this mutation.' }) input: CreatePoolInput,
    @Ctx() ctx: Context,
  ): Promise<CreatePoolPayload> {
    return toPayload(
      CreatePoolPayload,
      () =>
        this.poolService.create(ctx, requireViewer(ctx), {
          ...input,
          productId: localId(input.productId, 'Product'),
        }),
      (pool) => ({ pool }),
    );
  }

  @Authorized()
  @Mutation(() => JoinPoolPayload, {
    description:
      'Joins a pool, or sets your quantity in it. Refused whole when it does not fit: SOLD_OUT when nothing is left, CAPACITY_EXCEEDED when less is left than asked.',
  })
  joinPool(
    @Arg('input', { description: 'The input of this mutation.' }) input: JoinPoolInput,
    @Ctx() ctx: Context,
  ): Promise<JoinPoolPayload> {
    return toPayload(
      JoinPoolPayload,
      () =>
        this.members.join(ctx, requireViewer(ctx), {
          ...input,
          poolId: localId(input.poolId, 'GroupBuyPool'),
        }),
      (joined) => joined,
    );
  }

  @Authorized()
  @Mutation(() => LeavePoolPayload, { description: 'Leaves a pool before its deadline.' })
  leavePool(
    @Arg('input', { description: 'The input of this mutation.' }) input: LeavePoolInput,
    @Ctx() ctx: Context,
  ): Promise<LeavePoolPayload> {
    return toPayload(
      LeavePoolPayload,
      () => this.members.leave(ctx, requireViewer(ctx), localId(input.poolId, 'GroupBuyPool')),
      (pool) => ({ pool }),
    );
  }

  @Authorized()
  @Mutation(() => CancelPoolPayload, {
    description: 'Cancels a pool of your merchant before its deadline; its members are told.',
  })
  cancelPool(
    @Arg('input', { description: 'The input of this mutation.' }) input: CancelPoolInput,
    @Ctx() ctx: Context,
  ): Promise<CancelPoolPayload> {
    return toPayload(
      CancelPoolPayload,
      () => this.poolService.cancel(ctx, requireViewer(ctx), localId(input.poolId, 'GroupBuyPool')),
      (pool) => ({ pool }),
    );
  }

  @Authorized()
  @Mutation(() => InviteToPoolPayload, {
    description: 'Invites people you trust into a pool you are a member of; each gets a notification.',
  })
  inviteToPool(
    @Arg('input', { description: 'The input of this mutation.' }) input: InviteToPoolInput,
    @Ctx() ctx: Context,
  ): Promise<InviteToPoolPayload> {
    return toPayload(
      InviteToPoolPayload,
      () =>
        this.invitations.invite(
          ctx,
          requireViewer(ctx),
          localId(input.poolId, 'GroupBuyPool'),
          input.userIds.map((id) => localId(id, 'User')),
        ),
      (invitedCount) => ({ invitedCount }),
    );
  }
}
