import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { toConnection } from '../core/relay/connection';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { localId } from '../core/relay/global-id';
import { CatalogLoaders } from './catalog.loaders';
import { MerchantConnection } from './catalog.connections';
import { Merchant } from './merchant.entity';
import {
  CreateMerchantInput,
  CreateMerchantPayload,
  MerchantsArguments,
  MerchantStaffInput,
  MerchantStaffPayload,
  UpdateMerchantInput,
  UpdateMerchantPayload,
} from './merchant.inputs';
import { MerchantService } from './merchant.service';

@Injectable()
@Resolver(() => Merchant)
export class MerchantResolver {
  constructor(
    private readonly merchantService: MerchantService,
    private readonly loaders: CatalogLoaders,
  ) {}

  @Query(() => Merchant, { nullable: true, description: 'A shop by global ID; null when there is none.' })
  async merchant(
    @Arg('id', () => ID, { description: 'The shop’s global ID.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Merchant | null> {
    const local = localId(id, 'Merchant');
    return local ? this.loaders.of(ctx).merchantById.load(local) : null;
  }

  @Query(() => MerchantConnection, {
    description: 'Shops whose name contains the words given, and of the region given; by name.',
  })
  async merchants(@Args() args: MerchantsArguments, @Ctx() ctx: Context): Promise<object> {
    return toConnection(MerchantConnection, await this.merchantService.search(ctx, args, args));
  }

  @Authorized()
  @Mutation(() => UpdateMerchantPayload, {
    description: 'Changes a shop’s name, description or region; only the fields given change. Staff only.',
  })
  updateMerchant(
    @Arg('input', { description: 'The shop and what to change.' }) input: UpdateMerchantInput,
    @Ctx() ctx: Context,
  ): Promise<UpdateMerchantPayload> {
    const { merchantId, ...changes } = input;
    return toPayload(
      UpdateMerchantPayload,
      () => this.merchantService.update(ctx, requireViewer(ctx), localId(merchantId, 'Merchant'), changes),
      (merchant) => ({ merchant }),
    );
  }

  @Authorized()
  @Mutation(() => CreateMerchantPayload, {
    description: 'Opens a shop; the signed-in user becomes its owner.',
  })
  createMerchant(
    @Arg('input', { description: 'The shop to open: its name, description and region.' })
    input: CreateMerchantInput,
    @Ctx() ctx: Context,
  ): Promise<CreateMerchantPayload> {
    return toPayload(
      CreateMerchantPayload,
      () => this.merchantService.create(ctx, requireViewer(ctx), input),
      (merchant) => ({ merchant }),
    );
  }

  @Authorized()
  @Mutation(() => MerchantStaffPayload, {
    description: 'Lets a person act for the shop (add products, reply to reviews). Owner only.',
  })
  addMerchantStaff(
    @Arg('input', { description: 'The shop and the person to add to its staff.' }) input: MerchantStaffInput,
    @Ctx() ctx: Context,
  ): Promise<MerchantStaffPayload> {
    return this.changeStaff(ctx, input, 'addStaff');
  }

  @Authorized()
  @Mutation(() => MerchantStaffPayload, {
    description: 'Removes a person from the shop’s staff. Owner only.',
  })
  removeMerchantStaff(
    @Arg('input', { description: 'The shop and the staff member to remove.' }) input: MerchantStaffInput,
    @Ctx() ctx: Context,
  ): Promise<MerchantStaffPayload> {
    return this.changeStaff(ctx, input, 'removeStaff');
  }

  /** Both staff mutations take the same input and answer with the shop, so only the service call differs. */
  private changeStaff(
    ctx: Context,
    input: MerchantStaffInput,
    change: 'addStaff' | 'removeStaff',
  ): Promise<MerchantStaffPayload> {
    return toPayload(
      MerchantStaffPayload,
      () =>
        this.merchantService[change](
          ctx,
          requireViewer(ctx),
          localId(input.merchantId, 'Merchant'),
          localId(input.userId, 'User'),
        ),
      (merchant) => ({ merchant }),
    );
  }
}
