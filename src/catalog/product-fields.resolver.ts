import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { CatalogLoaders } from './catalog.loaders';
import { Merchant } from './merchant.entity';
import { Product } from './product.entity';

@Injectable()
@Resolver(() => Product)
export class ProductFieldsResolver {
  constructor(private readonly loaders: CatalogLoaders) {}

  @FieldResolver(() => Merchant, { description: 'The shop offering this product.' })
  async merchant(@Root() product: Product, @Ctx() ctx: Context): Promise<Merchant> {
    return (await this.loaders.of(ctx).merchantById.load(product.merchantId))!;
  }
}
