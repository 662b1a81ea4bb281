import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../core/context';
import { requireViewer } from '../core/auth/auth-checker';
import { Injectable } from '../core/container';
import { toPayload } from '../core/errors/payload';
import { toConnection } from '../core/relay/connection';
import { localId } from '../core/relay/global-id';
import { ProductConnection } from './catalog.connections';
import { CatalogLoaders } from './catalog.loaders';
import { ConnectionArgs } from '../core/relay/connection-args';
import { Product } from './product.entity';
import {
  CreateProductInput,
  CreateProductPayload,
  UpdateProductInput,
  UpdateProductPayload,
  ArchiveProductInput,
  ArchiveProductPayload,
} from './product.inputs';
import { ProductService } from './product.service';

@Injectable()
@Resolver(() => Product)
export class ProductResolver {
  constructor(
    private readonly productService: ProductService,
    private readonly loaders: CatalogLoaders,
  ) {}

  @Query(() => Product, { nullable: true, description: 'A product by global ID; null when there is none.' })
  async product(
    @Arg('id', () => ID, { description: 'The product’s global ID.' }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Product | null> {
    const local = localId(id, 'Product');
    if (!local) return null;
    // The page's first reviews (and whatever else a slice reads along) come in the product's statement.
    const plan = this.loaders.planFor(info);
    const loaders = this.loaders.of(ctx);
    return plan ? loaders.productWith(local, plan) : loaders.productById.load(local);
  }

  @Query(() => ProductConnection, {
    description: 'Products matching every filter given, newest first; all products without filters.',
  })
  async products(
    @Args() page: ConnectionArgs,
    @Ctx() ctx: Context,
    @Arg('query', () => String, {
      nullable: true,
      description: 'Words to find in title, category, tags and description; each word also as a prefix.',
    })
    query?: string | null,
    @Arg('category', () => String, { nullable: true, description: 'Only this category (any case).' })
    category?: string | null,
    @Arg('region', () => String, {
      nullable: true,
      description: 'Only products of merchants in this region (any case).',
    })
    region?: string | null,
    @Arg('tags', () => [String], { nullable: true, description: 'Only products carrying all of these tags.' })
    tags?: string[] | null,
  ): Promise<object> {
    return toConnection(
      ProductConnection,
      await this.productService.search(ctx, { query, category, region, tags }, page),
    );
  }

  @Authorized()
  @Mutation(() => CreateProductPayload, { description: 'Adds a product to a shop. Staff of the shop only.' })
  createProduct(
    @Arg('input', {
      description: 'The product to offer: shop, title, description, category, tags, price and stock.',
    })
    input: CreateProductInput,
    @Ctx() ctx: Context,
  ): Promise<CreateProductPayload> {
    return toPayload(
      CreateProductPayload,
      () => this.productService.create(ctx, requireViewer(ctx), localId(input.merchantId, 'Merchant'), input),
      (product) => ({ product }),
    );
  }

  @Authorized()
  @Mutation(() => UpdateProductPayload, {
    description: 'Changes a product; only the fields given change. Staff of the shop only.',
  })
  updateProduct(
    @Arg('input', { description: 'The product and the fields to change; fields left out stay as they are.' })
    input: UpdateProductInput,
    @Ctx() ctx: Context,
  ): Promise<UpdateProductPayload> {
    const { productId, ...changes } = input;
    return toPayload(
      UpdateProductPayload,
      () => this.productService.update(ctx, requireViewer(ctx), localId(productId, 'Product'), changes),
      (product) => ({ product }),
    );
  }

  @Authorized()
  @Mutation(() => ArchiveProductPayload, {
    description:
      'Archives a product: no longer listed, searched, pooled or ordered; past orders, reviews and pools keep it. Staff of the shop only.',
  })
  archiveProduct(
    @Arg('input', { description: 'The product to archive.' }) input: ArchiveProductInput,
    @Ctx() ctx: Context,
  ): Promise<ArchiveProductPayload> {
    return toPayload(
      ArchiveProductPayload,
      () => this.productService.archive(ctx, requireViewer(ctx), localId(input.productId, 'Product')),
      (product) => ({ product }),
    );
  }
}
