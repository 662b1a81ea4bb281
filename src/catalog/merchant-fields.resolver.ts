import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { toConnection } from '../core/relay/connection';
import { Alliance } from './alliance.entity';
import { ProductConnection } from './catalog.connections';
import { CatalogLoaders } from './catalog.loaders';
import { Merchant } from './merchant.entity';
import { MerchantRole } from './merchant-staff.entity';
import { ConnectionArgs } from '../core/relay/connection-args';
import { ProductService } from './product.service';

@Injectable()
@Resolver(() => Merchant)
export class MerchantFieldsResolver {
  constructor(
    private readonly productService: ProductService,
    private readonly loaders: CatalogLoaders,
  ) {}

  @FieldResolver(() => ProductConnection, { description: 'The shop’s products, newest first.' })
  async products(
    @Root() merchant: Merchant,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return toConnection(ProductConnection, await this.productService.ofMerchant(ctx, merchant.id, page));
  }

  @FieldResolver(() => Alliance, { nullable: true, description: 'The alliance the shop belongs to, if any.' })
  alliance(@Root() merchant: Merchant, @Ctx() ctx: Context): Promise<Alliance | null> | null {
    return merchant.allianceId ? this.loaders.of(ctx).allianceById.load(merchant.allianceId) : null;
  }

  @FieldResolver(() => MerchantRole, {
    nullable: true,
    description: 'What the signed-in user may do for this shop; null when not its staff.',
  })
  viewerRole(@Root() merchant: Merchant, @Ctx() ctx: Context): Promise<MerchantRole | null> {
    return this.loaders.of(ctx).viewerRole.load(merchant.id);
  }
}
