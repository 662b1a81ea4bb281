import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { present } from '../core/db/present';
import { Money } from '../core/money';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Merchant } from '../catalog/merchant.entity';
import { Product } from '../catalog/product.entity';
import { SupplyStep } from './auction.inputs';
import { AuctionLoaders } from './auction.loaders';
import { CallAuction, CallAuctionStatus } from './call-auction.entity';
import { type ClearingPoint, clearingPoint } from './clearing';
import { LimitBid } from './limit-bid.entity';

@Injectable()
@Resolver(() => CallAuction)
export class CallAuctionFieldsResolver {
  constructor(
    private readonly loaders: AuctionLoaders,
    private readonly catalog: CatalogLoaders,
  ) {}

  @FieldResolver(() => Product, { description: 'The product sold.' })
  product(@Root() auction: CallAuction, @Ctx() ctx: Context): Promise<Product> {
    return this.catalog.of(ctx).productById.load(auction.productId).then(present);
  }

  @FieldResolver(() => Merchant, { description: 'The merchant selling it.' })
  merchant(@Root() auction: CallAuction, @Ctx() ctx: Context): Promise<Merchant> {
    return this.catalog.of(ctx).merchantById.load(auction.merchantId).then(present);
  }

  @FieldResolver(() => [SupplyStep], { description: 'The supply steps, from the lowest price up.' })
  supply(@Root() auction: CallAuction): SupplyStep[] {
    return auction.supply.map((step) => ({
      quantity: step.quantity,
      minUnitPrice: Money.of(step.minUnitPriceMinor, auction.currency),
    }));
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description:
      'While open, the price a call now would clear at (null while nothing crosses); once called, the clearing price.',
  })
  async indicativePrice(@Root() auction: CallAuction, @Ctx() ctx: Context): Promise<Money | null> {
    const point = await this.indicative(auction, ctx);
    return point ? Money.of(point.priceMinor, auction.currency) : null;
  }

  @FieldResolver(() => Int, {
    description:
      'While open, the units a call now would sell (0 while nothing crosses); once called, the units sold.',
  })
  async indicativeQuantity(@Root() auction: CallAuction, @Ctx() ctx: Context): Promise<number> {
    return (await this.indicative(auction, ctx))?.quantity ?? 0;
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'The price every filled bid pays; null until CLEARED.',
  })
  clearingPrice(@Root() auction: CallAuction): Money | null {
    return auction.clearingPriceMinor === null
      ? null
      : Money.of(auction.clearingPriceMinor, auction.currency);
  }

  @FieldResolver(() => Int, { description: 'Bids placed and not withdrawn.' })
  bidCount(@Root() auction: CallAuction, @Ctx() ctx: Context): Promise<number> {
    return this.loaders.of(ctx).bidCount.load(auction.id);
  }

  @FieldResolver(() => [LimitBid], {
    description: 'The viewer’s own bids, oldest first; empty when anonymous.',
  })
  viewerBids(@Root() auction: CallAuction, @Ctx() ctx: Context): Promise<LimitBid[]> {
    return this.loaders.of(ctx).viewerBids.load(auction.id);
  }

  private async indicative(
    auction: CallAuction,
    ctx: Context,
  ): Promise<Pick<ClearingPoint, 'priceMinor' | 'quantity'> | null> {
    if (auction.status !== CallAuctionStatus.OPEN) {
      return auction.clearingPriceMinor === null
        ? null
        : { priceMinor: auction.clearingPriceMinor, quantity: auction.clearedQuantity ?? 0 };
    }
    return clearingPoint(await this.loaders.of(ctx).openDemand.load(auction.id), auction.supply);
  }
}

@Injectable()
@Resolver(() => LimitBid)
export class LimitBidFieldsResolver {
  @FieldResolver(() => Money, { description: 'The highest unit price the bidder pays.' })
  maxUnitPrice(@Root() bid: LimitBid): Money {
    return Money.of(bid.maxUnitPriceMinor, bid.currency);
  }
}
