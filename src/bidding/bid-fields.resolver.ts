import { Ctx, Extensions, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Money } from '../core/money';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Merchant } from '../catalog/merchant.entity';
import { VIEWER_DEPENDENT } from '../core/subscriptions/viewer-dependence';
import { Bid } from './bid.entity';
import { BiddingLoaders } from './bidding.loaders';
import { BidVisibilityPolicy } from './bid-visibility.policy';

/** What a bid shows beyond its price, as the viewer may see it. */
@Injectable()
@Resolver(() => Bid)
export class BidFieldsResolver {
  constructor(
    private readonly visibility: BidVisibilityPolicy,
    private readonly loaders: BiddingLoaders,
    private readonly catalog: CatalogLoaders,
  ) {}

  @FieldResolver(() => Money, { description: 'The unit price bid, in the request’s currency.' })
  unitPrice(@Root() bid: Bid): Money {
    return Money.of(bid.unitPriceMinor, bid.currency);
  }

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The bidder’s word to the buyer; shown to the buyer and the bidding merchant, null to others.',
  })
  async note(@Root() bid: Bid, @Ctx() ctx: Context): Promise<string | null> {
    const request = await this.loaders.of(ctx).requestById.load(bid.requestId);
    return request && (await this.visibility.seesDetails(ctx, request, bid)) ? bid.note : null;
  }

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => Merchant, {
    nullable: true,
    description:
      'Who bid; shown to the buyer and to the bidding merchant, null to competitors and strangers.',
  })
  async merchant(@Root() bid: Bid, @Ctx() ctx: Context): Promise<Merchant | null> {
    const request = await this.loaders.of(ctx).requestById.load(bid.requestId);
    if (!request || !(await this.visibility.seesDetails(ctx, request, bid))) return null;
    return this.catalog.of(ctx).merchantById.load(bid.merchantId);
  }

  @Extensions(VIEWER_DEPENDENT)
  @FieldResolver(() => Boolean, { description: 'Whether a merchant the viewer works for placed this bid.' })
  byViewer(@Root() bid: Bid, @Ctx() ctx: Context): Promise<boolean> {
    return this.visibility.isOwn(ctx, bid);
  }
}
