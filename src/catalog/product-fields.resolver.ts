import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Int } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { CatalogLoaders } from './catalog.loaders';
import { Merchant } from './merchant.entity';
import { Product } from './product.entity';

@Injectable()
@Resolver(() => Product)
export class ProductFieldsResolver {
  constructor(private readonly loaders: CatalogLoaders) {}

  @FieldResolver(() => Int, {
    description:
      'Units held for open pools and auctions and for unfulfilled orders; stock is what is still free to sell.',
  })
  reservedStock(@Root() product: Product, @Ctx() ctx: Context): Promise<number> {
    return this.loaders.of(ctx).reservedStock.load(product.id);
  }

  @FieldResolver(() => Merchant, { description: 'The shop offering this product.' })
  async merchant(@Root() product: Product, @Ctx() ctx: Context): Promise<Merchant> {
    return (await this.loaders.of(ctx).merchantById.load(product.merchantId))!;
  }
}
