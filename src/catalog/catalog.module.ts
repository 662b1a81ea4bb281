import type { Context } from '../core/context';
import type { DomainModule } from '../core/module';
import { orNull } from '../core/relay/node';
import { Alliance } from './alliance.entity';
import { AllianceResolver } from './alliance.resolver';
import { CatalogLoaders } from './catalog.loaders';
import { catalogPersonalData } from './catalog.personal-data';
import { Merchant } from './merchant.entity';
import { MerchantFieldsResolver } from './merchant-fields.resolver';
import { MerchantResolver } from './merchant.resolver';
import { MerchantStaff } from './merchant-staff.entity';
import { Product } from './product.entity';
import { ProductFieldsResolver } from './product-fields.resolver';
import { ProductResolver } from './product.resolver';
import { UserMerchantsResolver } from './user-merchants.resolver';

const catalog = (ctx: Context) => ctx.container.get(CatalogLoaders).of(ctx);

export const catalogModule: DomainModule = {
  name: 'catalog',
  entities: [Alliance, Merchant, MerchantStaff, Product],
  resolvers: [
    MerchantResolver,
    MerchantFieldsResolver,
    ProductResolver,
    ProductFieldsResolver,
    AllianceResolver,
    UserMerchantsResolver,
  ],
  nodeTypes: [
    { typeName: 'Merchant', fetch: (ctx, ids) => catalog(ctx).merchantById.loadMany(ids).then(orNull) },
    { typeName: 'Product', fetch: (ctx, ids) => catalog(ctx).productById.loadMany(ids).then(orNull) },
    { typeName: 'Alliance', fetch: (ctx, ids) => catalog(ctx).allianceById.loadMany(ids).then(orNull) },
  ],
  personalData: catalogPersonalData,
};
