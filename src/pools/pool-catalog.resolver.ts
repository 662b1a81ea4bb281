import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { present } from '../core/db/present';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Merchant } from '../catalog/merchant.entity';
import { Product } from '../catalog/product.entity';
import { GroupBuyPool } from './pool.entity';
import { PoolService } from './pool.service';
import { GroupBuyPoolConnection, PoolListArgs } from './pool.types';

/** Where pools meet the catalog: a pool's product and merchant, and a product's pools. */
@Injectable()
@Resolver(() => GroupBuyPool)
export class PoolCatalogResolver {
  constructor(private readonly catalog: CatalogLoaders) {}

  @FieldResolver(() => Product, { description: 'The product bought together.' })
  product(@Root() pool: GroupBuyPool, @Ctx() ctx: Context): Promise<Product> {
    return this.catalog.of(ctx).productById.load(pool.productId).then(present);
  }

  @FieldResolver(() => Merchant, { description: 'The merchant selling it.' })
  merchant(@Root() pool: GroupBuyPool, @Ctx() ctx: Context): Promise<Merchant> {
    return this.catalog.of(ctx).merchantById.load(pool.merchantId).then(present);
  }
}

@Injectable()
@Resolver(() => Product)
export class ProductPoolsResolver {
  constructor(private readonly poolService: PoolService) {}

  @FieldResolver(() => GroupBuyPoolConnection, { description: 'Group buys of this product, newest first.' })
  pools(
    @Root() product: Product,
    @Args() { status, ...page }: PoolListArgs,
    @Ctx() ctx: Context,
  ): Promise<object> {
    return this.poolService.list(ctx, { status, productId: product.id }, page);
  }
}
