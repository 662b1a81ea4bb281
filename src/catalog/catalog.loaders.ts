import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { byIdLoader } from '../core/db/by-id-loader';
import { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { Alliance } from './alliance.entity';
import { Merchant } from './merchant.entity';
import { MerchantRole } from './merchant-staff.entity';
import { Product } from './product.entity';

/** Merchants, products, alliances and the viewer's roles, batched per operation. */
@Injectable()
export class CatalogLoaders {
  private readonly products = new EntityRows(this.db.dataSource, Product);
  private readonly merchants = new EntityRows(this.db.dataSource, Merchant);
  // A product page always shows the shop: products come with their merchant, in one statement.
  private readonly productsWithMerchants = `SELECT ${this.products.select('p')}, ${this.merchants.select('m', 'm.')}
    FROM products p JOIN merchants m ON m.id = p.merchant_id WHERE p.id = ANY($1::uuid[])`;
  private readonly merchantsById = `SELECT ${this.merchants.select('m')} FROM merchants m WHERE m.id = ANY($1::uuid[])`;

  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => this.create(ctx));
  }

  private create(ctx: Context) {
    const merchantById = new DataLoader<string, Merchant | null>(async (ids) => {
      const rows = await this.db.prepared(this.merchantsById, [ids]);
      const byId = new Map(rows.map((row) => this.merchants.from(row)).map((m) => [m.id, m]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return {
      merchantById,
      productById: new DataLoader<string, Product | null>(async (ids) => {
        const rows = await this.db.prepared(this.productsWithMerchants, [ids]);
        const byId = new Map<string, Product>();
        for (const row of rows) {
          const product = this.products.from(row);
          byId.set(product.id, product);
          merchantById.prime(product.merchantId, this.merchants.from(row, 'm.'));
        }
        return ids.map((id) => byId.get(id) ?? null);
      }),
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
