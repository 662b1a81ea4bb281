import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { type MoneyInput, parseMoney } from '../core/money';
import type { ConnectionResult, PageArgs } from '../core/relay/connection';
import { type KeysetOrder, paginate } from '../core/relay/keyset';
import { rules, validate } from '../core/validation';
import { MerchantService } from './merchant.service';
import { Product } from './product.entity';
import { prefixQuery } from './product-search';

const MAX_PRICE_MINOR = 2_147_483_647;

const fields = {
  title: rules.text('The title', 1, 120),
  description: z.string().trim().max(5000, 'The description can have at most 5000 characters.'),
  category: rules.text('The category', 1, 60),
  tags: z
    .array(rules.text('A tag', 1, 40))
    .max(20, 'A product can have at most 20 tags.')
    .transform((tags) => [...new Set(tags)]),
  stock: rules.intRange('The stock', 0, 1_000_000),
};
const createRules = z.object(fields);
const updateRules = z.object(fields).partial();

export interface ProductFields {
  title: string;
  description: string;
  category: string;
  tags: string[];
  price: MoneyInput;
  stock: number;
}

/** Changes to a product: absent or null means unchanged. */
export type ProductChanges = { [K in keyof ProductFields]?: ProductFields[K] | null };

export interface ProductFilter {
  query?: string | null;
  category?: string | null;
  region?: string | null;
  tags?: string[] | null;
}

/** Newest first; the id breaks ties. */
const NEWEST: KeysetOrder<Product> = {
  columns: ['product.createdAt', 'product.id'],
  key: (p) => [p.createdAt, p.id],
  direction: 'DESC',
};

/** Products: listing, search, and changes by the merchant's staff. */
@Injectable()
export class ProductService {
  constructor(
    private readonly db: Database,
    private readonly merchants: MerchantService,
  ) {}

  async create(
    _ctx: Context,
    actorId: string,
    merchantId: string | null,
    input: ProductFields,
  ): Promise<Product> {
    const valid = validate(createRules, input);
    const price = checkedPrice(input.price);
    return this.db.transaction(async (tx) => {
      await this.merchants.requireRole(actorId, merchantId, 'merchantId');
      const repo = tx.getRepository(Product);
      const product = repo.create({ ...valid, merchantId: merchantId!, priceMinor: price.minor });
      product.currency = price.currency;
      return repo.save(product);
    });
  }

  /** Changes only the fields given (null or absent means unchanged). */
  async update(
    _ctx: Context,
    actorId: string,
    productId: string | null,
    changes: ProductChanges,
  ): Promise<Product> {
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v != null));
    const valid = validate(updateRules, { ...given, price: undefined });
    const price = given.price ? checkedPrice(given.price as MoneyInput) : null;
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(Product);
      const product = productId
        ? await repo.findOne({ where: { id: productId }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!product)
        throw UserFacingError.of('productId', UserErrorCode.NotFound, 'There is no such product.');
      await this.merchants.requireRole(actorId, product.merchantId, 'productId');
      Object.assign(product, valid);
      if (price) Object.assign(product, { priceMinor: price.minor, currency: price.currency });
      return repo.save(product);
    });
  }

  /** Products matching every filter given, newest first. */
  search(_ctx: Context, filter: ProductFilter, page: PageArgs): Promise<ConnectionResult<Product>> {
    const query = this.db.repo(Product).createQueryBuilder('product').where('NOT product.archived');
    const tsquery = filter.query ? prefixQuery(filter.query) : null;
    if (tsquery) query.andWhere(`product.search @@ to_tsquery('simple', :tsquery)`, { tsquery });
    if (filter.category?.trim())
      query.andWhere('lower(product.category) = lower(:category)', { category: filter.category.trim() });
    if (filter.region?.trim())
      query.andWhere(
        'product.merchantId IN (SELECT m.id FROM merchants m WHERE lower(m.region) = lower(:region))',
        { region: filter.region.trim() },
      );
    if (filter.tags?.length) query.andWhere('product.tags @> CAST(:tags AS text[])', { tags: filter.tags });
    return paginate(query, page, NEWEST);
  }

  ofMerchant(_ctx: Context, merchantId: string, page: PageArgs): Promise<ConnectionResult<Product>> {
    const query = this.db
      .repo(Product)
      .createQueryBuilder('product')
      .where('product.merchantId = :merchantId', { merchantId })
      .andWhere('NOT product.archived');
    return paginate(query, page, NEWEST);
  }

  /** Archives a product (staff): it is no longer listed, searched, pooled or ordered; archiving twice is a no-op. */
  async archive(_ctx: Context, actorId: string, productId: string | null): Promise<Product> {
    return this.db.transaction(async () => {
      const repo = this.db.repo(Product);
      const product = productId ? await repo.findOneBy({ id: productId }) : null;
      if (!product)
        throw UserFacingError.of('productId', UserErrorCode.NotFound, 'There is no such product.');
      await this.merchants.requireRole(actorId, product.merchantId, 'productId');
      if (!product.archived) {
        await this.db.query('UPDATE products SET archived = true, updated_at = now() WHERE id = $1', [
          product.id,
        ]);
      }
      return (await repo.findOneBy({ id: product.id }))!;
    });
  }
}

function checkedPrice(input: MoneyInput) {
  const price = parseMoney(input, 'price');
  if (price.minor > MAX_PRICE_MINOR)
    throw UserFacingError.of(['price', 'amount'], UserErrorCode.OutOfRange, 'The price is too high.');
  return price;
}
