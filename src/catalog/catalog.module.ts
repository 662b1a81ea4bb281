import type { DomainModule } from '../core/module';
import { registerNodeType } from '../core/relay/node';
import { orNull } from './loaded';
import { Alliance } from './alliance.entity';
import { AllianceResolver } from './alliance.resolver';
import { CatalogLoaders } from './catalog.loaders';
import { Merchant } from './merchant.entity';
import { MerchantFieldsResolver } from './merchant-fields.resolver';
import { MerchantResolver } from './merchant.resolver';
import { MerchantStaff } from './merchant-staff.entity';
import { Product } from './product.entity';
import { ProductFieldsResolver } from './product-fields.resolver';
import { ProductResolver } from './product.resolver';
import './catalog.personal-data';

const loadersOf = (ctx: Parameters<Parameters<typeof registerNodeType>[2]>[0]) =>
  ctx.container.get(CatalogLoaders).of(ctx);

registerNodeType('Merchant', Merchant, (ctx, ids) => loadersOf(ctx).merchantById.loadMany(ids).then(orNull));
registerNodeType('Product', Product, (ctx, ids) => loadersOf(ctx).productById.loadMany(ids).then(orNull));
registerNodeType('Alliance', Alliance, (ctx, ids) => loadersOf(ctx).allianceById.loadMany(ids).then(orNull));

export const catalogModule: DomainModule = {
  name: 'catalog',
  entities: [Alliance, Merchant, MerchantStaff, Product],
  resolvers: [
    MerchantResolver,
    MerchantFieldsResolver,
    ProductResolver,
    ProductFieldsResolver,
    AllianceResolver,
  ],
};
