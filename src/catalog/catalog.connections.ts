import { connectionOf } from '../core/relay/connection';
import { Merchant } from './merchant.entity';
import { Product } from './product.entity';

export const { Connection: ProductConnection } = connectionOf('Product', () => Product, 'product');
export const { Connection: MerchantConnection } = connectionOf('Merchant', () => Merchant, 'merchant');
