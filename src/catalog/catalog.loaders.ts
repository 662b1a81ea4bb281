import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { byIdLoader } from '../core/db/by-id-loader';
import { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { Alliance } from './alliance.entity';
import { Merchant } from './merchant.entity';
import { MerchantRole } from './merchant-staff.entity';
import { Product } from './product.entity';

/**
 * Something that hangs on a product (its first page of reviews) and can be read in the product's own statement:
 * the slice that owns it plans, from the selection under `product`, a subquery on the product `p`; the product,
 * its merchant and those rows then come from one statement, one row per row of the subquery.
 */
export interface ProductJoin {
  /** What to read along for this selection of a product, or null when the selection needs nothing of it. */
  plan(info: GraphQLResolveInfo): ProductJoinPlan | null;
}

export interface ProductJoinPlan {
  /** A SELECT on `p` whose column names cannot clash with the product's (prefixed), parameters from `$2`. */
  sql: string;
  params: unknown[];
  /** A column of the subquery numbering its rows from 1 in their order. */
  positionColumn: string;
  /** A column of the subquery that is never null in a row it returned. */
  presentColumn: string;
  /** Hands the subquery's rows over to the owning slice's loaders for this operation. */
  take(ctx: Context, productId: string, rows: Array<Record<string, unknown>>): void;
}

/** Merchants, products, alliances and the viewer's roles, batched per operation. */
@Injectable()
export class CatalogLoaders {
  private readonly products = new EntityRows(this.db.dataSource, Product);
  private readonly merchants = new EntityRows(this.db.dataSource, Merchant);
  // A product page always shows the shop: products come with their merchant, in one statement.
  private readonly productsWithMerchants = `SELECT ${this.products.select('p')}, ${this.merchants.select('m', 'm.')}
    FROM products p JOIN merchants m ON m.id = p.merchant_id WHERE p.id = ANY($1::uuid[])`;
  private readonly merchantsById = `SELECT ${this.merchants.select('m')} FROM merchants m WHERE m.id = ANY($1::uuid[])`;

  private readonly joins: ProductJoin[] = [];

  constructor(private readonly db: Database) {}

  /** Registers a read along with products (a slice's module does, at start). */
  readAlong(join: ProductJoin): void {
    this.joins.push(join);
  }

  /** The first join that plans something for this selection of a product. */
  planFor(info: GraphQLResolveInfo): ProductJoinPlan | null {
    for (const join of this.joins) {
      const plan = join.plan(info);
      if (plan) return plan;
    }
    return null;
  }

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => this.create(ctx));
  }

  private create(ctx: Context) {
    const merchantById = new DataLoader<string, Merchant | null>(async (ids) => {
      const rows = await this.db.prepared(this.merchantsById, [ids]);
      const byId = new Map(rows.map((row) => this.merchants.from(row)).map((m) => [m.id, m]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    const productById = new DataLoader<string, Product | null>(async (ids) => {
      const rows = await this.db.prepared(this.productsWithMerchants, [ids]);
      const byId = new Map<string, Product>();
      for (const row of rows) {
        const product = this.products.from(row);
        byId.set(product.id, product);
        merchantById.prime(product.merchantId, this.merchants.from(row, 'm.'));
      }
      return ids.map((id) => byId.get(id) ?? null);
    });
    return {
      merchantById,
      productById,
      /**
       * A product with its merchant and what `plan` reads along, in one statement; primes the product and the
       * merchant for this operation, and hands the joined rows to the slice that planned them.
       */
      productWith: async (id: string, plan: ProductJoinPlan): Promise<Product | null> => {
        // Product and merchant only in the first row: the others carry nulls, which cost nothing to parse.
        const first = `j."${plan.positionColumn}" IS NULL OR j."${plan.positionColumn}" = 1`;
        const rows = await this.db.prepared(
          `SELECT ${this.products.selectWhen('p', first)}, ${this.merchants.selectWhen('m', first, 'm.')}, j.*
             FROM products p JOIN merchants m ON m.id = p.merchant_id
             LEFT JOIN LATERAL (${plan.sql}) j ON TRUE
            WHERE p.id = $1 ORDER BY j."${plan.positionColumn}"`,
          [id, ...plan.params],
        );
        if (!rows.length) return null;
        const product = this.products.from(rows[0]);
        productById.prime(id, product);
        merchantById.prime(product.merchantId, this.merchants.from(rows[0], 'm.'));
        plan.take(
          ctx,
          id,
          rows.filter((row) => row[plan.presentColumn] != null),
        );
        return product;
      },
      allianceById: byIdLoader(this.db, Alliance),

      /** Units held per product: the capacity of its open pools and the units of its unfulfilled orders. */
      reservedStock: new DataLoader<string, number>(async (productIds) => {
        const rows = await this.db.query<{ id: string; held: number }>(
          `SELECT p.id,
                  (SELECT coalesce(sum(capacity), 0) FROM pools
                    WHERE product_id = p.id AND status IN ('OPEN', 'TIPPED', 'SOLD_OUT'))::int
                + (SELECT coalesce(sum(quantity), 0) FROM orders
                    WHERE product_id = p.id AND status IN ('PLACED', 'CONFIRMED', 'READY'))::int AS held
             FROM products p WHERE p.id = ANY($1::uuid[])`,
          [productIds],
        );
        const held = new Map(rows.map((r) => [r.id, r.held]));
        return productIds.map((id) => held.get(id) ?? 0);
      }),

      /** The viewer's role at each merchant; null when not staff or anonymous. */
      viewerRole: new DataLoader<string, MerchantRole | null>(async (merchantIds) => {
        if (!ctx.viewer) return merchantIds.map(() => null);
        const rows = await this.db.query<{ merchant_id: string; role: MerchantRole }>(
          'SELECT merchant_id, role FROM merchant_staff WHERE user_id = $1 AND merchant_id = ANY($2::uuid[])',
          [ctx.viewer.id, merchantIds],
        );
        const roles = new Map(rows.map((r) => [r.merchant_id, r.role]));
        return merchantIds.map((id) => roles.get(id) ?? null);
      }),
    };
  }
}
