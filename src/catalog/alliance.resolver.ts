import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { toConnection } from '../core/relay/connection';
import { localId } from '../core/relay/global-id';
import { Alliance } from './alliance.entity';
import { AllianceService } from './alliance.service';
import { MerchantConnection } from './catalog.connections';
import {
  AllianceMembershipPayload,
  CreateAllianceInput,
  CreateAlliancePayload,
  JoinAllianceInput,
  LeaveAllianceInput,
} from './merchant.inputs';
import { ConnectionArgs } from '../core/relay/connection-args';

@Injectable()
@Resolver(() => Alliance)
export class AllianceResolver {
  constructor(private readonly alliances: AllianceService) {}

  @FieldResolver(() => MerchantConnection, { description: 'The member shops, oldest first.' })
  async members(
    @Root() alliance: Alliance,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return toConnection(MerchantConnection, await this.alliances.members(ctx, alliance.id, page));
  }

  @Authorized()
  @Mutation(() => CreateAlliancePayload, {
    description: 'Founds an alliance of the shop’s region, with the shop as first member. Owner only.',
  })
  createAlliance(
    @Arg('input', { description: 'The alliance to found and the shop that founds it.' })
    input: CreateAllianceInput,
    @Ctx() ctx: Context,
  ): Promise<CreateAlliancePayload> {
    return toPayload(
      CreateAlliancePayload,
      () => this.alliances.found(ctx, requireViewer(ctx), localId(input.merchantId, 'Merchant'), input),
      (alliance) => ({ alliance }),
    );
  }

  @Authorized()
  @Mutation(() => AllianceMembershipPayload, {
    description: 'The shop joins an alliance of its own region (leaving any other). Owner only.',
  })
  joinAlliance(
    @Arg('input', { description: 'The shop and the alliance it joins.' }) input: JoinAllianceInput,
    @Ctx() ctx: Context,
  ): Promise<AllianceMembershipPayload> {
    return toPayload(
      AllianceMembershipPayload,
      () =>
        this.alliances.join(
          ctx,
          requireViewer(ctx),
          localId(input.allianceId, 'Alliance'),
          localId(input.merchantId, 'Merchant'),
        ),
      (merchant) => ({ merchant }),
    );
  }

  @Authorized()
  @Mutation(() => AllianceMembershipPayload, { description: 'The shop leaves its alliance. Owner only.' })
  leaveAlliance(
    @Arg('input', { description: 'The shop that leaves its alliance.' }) input: LeaveAllianceInput,
    @Ctx() ctx: Context,
  ): Promise<AllianceMembershipPayload> {
    return toPayload(
      AllianceMembershipPayload,
      () => this.alliances.leave(ctx, requireViewer(ctx), localId(input.merchantId, 'Merchant')),
      (merchant) => ({ merchant }),
    );
  }
}
