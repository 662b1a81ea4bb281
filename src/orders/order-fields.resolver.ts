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
import { FulfilmentMethod, Order } from './order.entity';
import { OrderAccessPolicy } from './order-access.policy';
import { OrderEvent } from './order-event.entity';
import { OrderRating, RatingSide } from './order-rating.entity';
import { OrderLoaders } from './order.loaders';
import { Address, Fulfilment } from './order-lifecycle.inputs';

@Injectable()
@Resolver(() => Order)
export class OrderFieldsResolver {
  constructor(
    private readonly users: UserLoaders,
    private readonly catalog: CatalogLoaders,
    private readonly orders: OrderLoaders,
    private readonly access: OrderAccessPolicy,
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
      'Who bought, for the buyer and the selling shop’s staff; null for everyone else, and once the buyer’s account is erased (the order stays for the shop’s books).',
  })
  async buyer(@Root() order: Order, @Ctx() ctx: Context): Promise<User | null> {
    if (!order.buyerId || !(await this.access.isParty(ctx, order))) return null;
    return this.users.of(ctx).byId.load(order.buyerId);
  }

  @FieldResolver(() => Fulfilment, {
    description:
      'Pickup at the shop (the default) or delivery; the address only for the buyer and the shop’s staff.',
  })
  async fulfilment(@Root() order: Order, @Ctx() ctx: Context): Promise<Fulfilment> {
    const method = order.fulfilmentMethod ?? FulfilmentMethod.PICKUP;
    const shown = order.deliveryAddress && (await this.access.isParty(ctx, order));
    return Object.assign(new Fulfilment(), {
      method,
      address: shown ? Object.assign(new Address(), order.deliveryAddress) : null,
    });
  }

  @FieldResolver(() => [OrderEvent], {
    description:
      'Every status the order took, oldest first, from PLACED at its creation; for the buyer and the shop’s staff, empty for anyone else.',
  })
  async history(@Root() order: Order, @Ctx() ctx: Context): Promise<OrderEvent[]> {
    if (!(await this.access.isParty(ctx, order))) return [];
    return this.orders.of(ctx).historyByOrder.load(order.id);
  }

  @FieldResolver(() => OrderRating, {
    nullable: true,
    description:
      'The buyer’s rating of the shop after completion; null until given and until shown (once both sides rated, or 14 days after completion), and for anyone but the buyer and the shop’s staff.',
  })
  merchantRating(@Root() order: Order, @Ctx() ctx: Context): Promise<OrderRating | null> {
    return this.rating(ctx, order, RatingSide.BUYER);
  }

  @FieldResolver(() => OrderRating, {
    nullable: true,
    description:
      'The shop’s rating of the buyer after completion; null until given and until shown (once both sides rated, or 14 days after completion), and for anyone but the buyer and the shop’s staff.',
  })
  buyerRating(@Root() order: Order, @Ctx() ctx: Context): Promise<OrderRating | null> {
    return this.rating(ctx, order, RatingSide.MERCHANT);
  }

  private async rating(ctx: Context, order: Order, side: RatingSide): Promise<OrderRating | null> {
    if (!(await this.access.isParty(ctx, order))) return null;
    const loaded = (await this.orders.of(ctx).ratingsByOrder.load(order.id)).get(side);
    return loaded?.shown ? loaded.rating : null;
  }
}

@Injectable()
@Resolver(() => OrderEvent)
export class OrderEventFieldsResolver {
  constructor(private readonly users: UserLoaders) {}

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who made the move; null for the automatic completion and once that account is erased.',
  })
  actor(@Root() event: OrderEvent, @Ctx() ctx: Context): Promise<User | null> | null {
    return event.actorId ? this.users.of(ctx).byId.load(event.actorId) : null;
  }
}
