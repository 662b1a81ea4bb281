import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { type Context, loadersOf } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { Alliance } from './alliance.entity';
import { Merchant } from './merchant.entity';
import { MerchantRole } from './merchant-staff.entity';
import { Product } from './product.entity';

function byIdLoader<T extends { id: string }>(db: Database, entity: new () => T) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await db.repo(entity).findBy({ id: In([...ids]) } as never);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Merchants, products, alliances and the viewer's roles, batched per operation. */
export function createCatalogLoaders(db: Database) {
  const products = new EntityRows(db.dataSource, Product);
  const merchants = new EntityRows(db.dataSource, Merchant);
  // A product page always shows the shop: products come with their merchant, in one statement.
  const productsWithMerchants = `SELECT ${products.select('p')}, ${merchants.select('m', 'm.')}
    FROM products p JOIN merchants m ON m.id = p.merchant_id WHERE p.id = ANY($1::uuid[])`;
  const merchantsById = `SELECT ${merchants.select('m')} FROM merchants m WHERE m.id = ANY($1::uuid[])`;

  return (ctx: Context) => {
    const merchantById = new DataLoader<string, Merchant | null>(async (ids) => {
      const rows = await db.prepared(merchantsById, [ids]);
      const byId = new Map(rows.map((row) => merchants.from(row)).map((m) => [m.id, m]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return {
      merchantById,
      productById: new DataLoader<string, Product | null>(async (ids) => {
        const rows = await db.prepared(productsWithMerchants, [ids]);
        const byId = new Map<string, Product>();
        for (const row of rows) {
          const product = products.from(row);
          byId.set(product.id, product);
          merchantById.prime(product.merchantId, merchants.from(row, 'm.'));
        }
        return ids.map((id) => byId.get(id) ?? null);
      }),
      allianceById: byIdLoader(db, Alliance),

      /** The viewer's role at each merchant; null when not staff or anonymous. */
      viewerRole: new DataLoader<string, MerchantRole | null>(async (merchantIds) => {
        if (!ctx.viewer) return merchantIds.map(() => null);
        const rows = await db.query<{ merchant_id: string; role: MerchantRole }>(
          'SELECT merchant_id, role FROM merchant_staff WHERE user_id = $1 AND merchant_id = ANY($2::uuid[])',
          [ctx.viewer.id, merchantIds],
        );
        const roles = new Map(rows.map((r) => [r.merchant_id, r.role]));
        return merchantIds.map((id) => roles.get(id) ?? null);
      }),
    };
  };
}

/** The catalog's loaders of one operation; every resolver of merchants and products reads through these. */
@Injectable()
export class CatalogLoaders {
  private readonly factory = createCatalogLoaders(this.db);

  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return loadersOf(ctx, this.factory);
  }
}
