import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { OwnerOnly } from '../privacy/visible-to';
import { User } from '../users/user.entity';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Product } from '../catalog/product.entity';
import type { RankedProduct } from './recommend';
import { RecommendationService } from './recommendation.service';

@ObjectType({ description: 'A product recommended to you, and why.' })
export class ProductRecommendation {
  productId: string;

  @Field(() => [String], {
    description: 'Why, strongest first, in sentences such as “Anna, whom you trust, rated it 5”.',
  })
  reasons: string[];

  @Field({ description: 'Whether it is “the usual”, something you buy again and again: worth a reorder.' })
  usual: boolean;

  @Field(() => Float, { description: 'How strongly it is recommended; only the order matters.' })
  score: number;

  static of(ranked: RankedProduct): ProductRecommendation {
    return Object.assign(new ProductRecommendation(), ranked);
  }
}

@Injectable()
@Resolver(() => ProductRecommendation)
export class ProductRecommendationResolver {
  constructor(private readonly catalog: CatalogLoaders) {}

  @FieldResolver(() => Product, { description: 'The product recommended.' })
  async product(@Root() recommendation: ProductRecommendation, @Ctx() ctx: Context): Promise<Product> {
    const product = await this.catalog.of(ctx).productById.load(recommendation.productId);
    if (!product) throw new Error(`recommended product ${recommendation.productId} vanished`);
    return product;
  }
}

@Injectable()
@Resolver(() => User)
export class RecommendedProductsResolver {
  constructor(private readonly recommendations: RecommendationService) {}

  @OwnerOnly()
  @FieldResolver(() => [ProductRecommendation], {
    description:
      'Products recommended to you, with reasons; empty unless you turned personalization on, and never with a tag you avoid. Empty on anyone else’s account.',
  })
  async recommendedProducts(
    @Root() user: User,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many (default 10, at most 50).' })
    first: number | null,
    @Ctx() ctx: Context,
  ): Promise<ProductRecommendation[]> {
    const ranked = await this.recommendations.forViewer(ctx, user.id, first);
    return ranked.map(ProductRecommendation.of);
  }
}
