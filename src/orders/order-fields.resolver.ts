import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Money } from '../core/money';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Merchant } from '../catalog/merchant.entity';
import { Product } from '../catalog/product.entity';
import { present } from '../core/db/present';
import { User } from '../users/user.entity';
import { UserLoaders } from '../users/user.loaders';
import { Order } from './order.entity';

@Injectable()
@Resolver(() => Order)
export class OrderFieldsResolver {
  constructor(
    private readonly users: UserLoaders,
    private readonly catalog: CatalogLoaders,
  ) {}

  @FieldResolver(() => Product, {
    nullable: true,
    description: 'The product bought; null for an awarded price request, which names no product.',
  })
  product(@Root() order: Order, @Ctx() ctx: Context): Promise<Product | null> | null {
    return order.productId ? this.catalog.of(ctx).productById.load(order.productId) : null;
  }

  @FieldResolver(() => Merchant, { description: 'The merchant who sells, and keeps the order in its books.' })
  merchant(@Root() order: Order, @Ctx() ctx: Context): Promise<Merchant> {
    return this.catalog.of(ctx).merchantById.load(order.merchantId).then(present);
  }

  @FieldResolver(() => Money, { description: 'The price of one unit, as agreed.' })
  unitPrice(@Root() order: Order): Money {
    return Money.of(order.unitPriceMinor, order.currency);
  }

  @FieldResolver(() => Money, { description: 'Quantity times unit price.' })
  total(@Root() order: Order): Money {
    return Money.of(order.unitPriceMinor * order.quantity, order.currency);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description:
      'Who bought; null once the buyer’s account is erased (the order stays for the merchant’s books).',
  })
  buyer(@Root() order: Order, @Ctx() ctx: Context): Promise<User | null> | null {
    return order.buyerId ? this.users.of(ctx).byId.load(order.buyerId) : null;
  }
}
