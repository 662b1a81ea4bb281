import { GraphQLError } from 'graphql';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { requireViewer } from '../core/auth/auth-checker';
import { type Context, resetLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { present } from '../core/db/present';
import { toPayload } from '../core/errors/payload';
import { Money } from '../core/money';
import { localId } from '../core/relay/global-id';
import { CatalogLoaders } from '../catalog/catalog.loaders';
import { Merchant } from '../catalog/merchant.entity';
import { Product } from '../catalog/product.entity';
import { OrderLoaders } from '../orders/order.loaders';
import { type AuctionChanged, auctionFeed, AuctionEvents, dutchAuctionTopic } from './auction.events';
import {
  CreateDutchAuctionInput,
  CreateDutchAuctionPayload,
  TakeDutchAuctionInput,
  TakeDutchAuctionPayload,
} from './auction.inputs';
import { AuctionLoaders } from './auction.loaders';
import { DutchAuction, DutchAuctionStatus, LIVE_STATUSES } from './dutch-auction.entity';
import { DutchAuctionService, dutchStateAt } from './dutch-auction.service';
import { nextDropAt } from './dutch-pricing';

@Injectable()
@Resolver(() => DutchAuction)
export class DutchAuctionResolver {
  constructor(
    private readonly auctions: DutchAuctionService,
    private readonly loaders: AuctionLoaders,
    private readonly orders: OrderLoaders,
  ) {}

  @Query(() => DutchAuction, {
    nullable: true,
    description: 'A falling-price auction; null when there is none.',
  })
  dutchAuction(
    @Arg('id', () => ID, { description: 'The auction’s global ID.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<DutchAuction | null> | null {
    const auctionId = localId(id, 'DutchAuction');
    return auctionId ? this.loaders.of(ctx).dutchById.load(auctionId) : null;
  }

  @Authorized()
  @Mutation(() => CreateDutchAuctionPayload, {
    description:
      'Offers units of a product of your merchant at a price falling by a decrement every interval down to a floor; the quantity is reserved from the stock.',
  })
  createDutchAuction(
    @Arg('input', { description: 'The input of this mutation.' }) input: CreateDutchAuctionInput,
    @Ctx() ctx: Context,
  ): Promise<CreateDutchAuctionPayload> {
    return toPayload(
      CreateDutchAuctionPayload,
      () =>
        this.auctions.create(ctx, requireViewer(ctx), {
          ...input,
          productId: localId(input.productId, 'Product'),
        }),
      (dutchAuction) => ({ dutchAuction }),
    );
  }

  @Authorized()
  @Mutation(() => TakeDutchAuctionPayload, {
    description:
      'Buys units at the price of the moment the take commits; fewer than asked when fewer are left, SOLD_OUT when none are.',
  })
  takeDutchAuction(
    @Arg('input', { description: 'The input of this mutation.' }) input: TakeDutchAuctionInput,
    @Ctx() ctx: Context,
  ): Promise<TakeDutchAuctionPayload> {
    return toPayload(
      TakeDutchAuctionPayload,
      async () => {
        const taken = await this.auctions.take(ctx, requireViewer(ctx), {
          ...input,
          auctionId: localId(input.auctionId, 'DutchAuction'),
        });
        resetLoaders(ctx);
        const [order, dutchAuction] = await Promise.all([
          this.orders.of(ctx).byId.load(taken.orderId),
          this.loaders.of(ctx).dutchById.load(taken.auctionId),
        ]);
        return { order, dutchAuction };
      },
      (result) => result,
    );
  }

  @Subscription(() => DutchAuction, {
    description:
      'The auction as it is now, then at every price step and after every take and its end, from whichever instance made the change.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const id = localId(args.auctionId as string, 'DutchAuction');
      const loaders = ctx.container.get(AuctionLoaders);
      return (async () => {
        if (!id || !(await loaders.of(ctx).dutchById.load(id))) {
          throw new GraphQLError('There is no Dutch auction with this ID.', {
            extensions: { code: 'NOT_FOUND' },
          });
        }
        // The steps are computed from the schedule on this instance's clock; takes and the end come on the bus.
        const nextStep = async (): Promise<Date | null> => {
          resetLoaders(ctx);
          const auction = await loaders.of(ctx).dutchById.load(id);
          const now = new Date();
          if (!auction || !LIVE_STATUSES.includes(auction.status) || now >= auction.endsAt) return null;
          return nextDropAt(auction, now) ?? auction.endsAt;
        };
        return auctionFeed(id, ctx.container.get(AuctionEvents).subscribe(dutchAuctionTopic(id)), nextStep);
      })();
    },
  })
  async dutchAuctionUpdated(
    @Root() change: AuctionChanged,
    @Arg('auctionId', () => ID, { description: 'The Dutch auction to follow.' }) _auctionId: string,
    @Ctx() ctx: Context,
  ): Promise<DutchAuction> {
    resetLoaders(ctx);
    const auction = await this.loaders.of(ctx).dutchById.load(change.id);
    if (!auction) {
      throw new GraphQLError('The Dutch auction no longer exists.', { extensions: { code: 'NOT_FOUND' } });
    }
    return auction;
  }
}

@Injectable()
@Resolver(() => DutchAuction)
export class DutchAuctionFieldsResolver {
  constructor(private readonly catalog: CatalogLoaders) {}

  @FieldResolver(() => DutchAuctionStatus, { description: 'Where the auction stands now.' })
  status(@Root() auction: DutchAuction): DutchAuctionStatus {
    return dutchStateAt(auction, new Date()).status;
  }

  @FieldResolver(() => Product, { description: 'The product sold.' })
  product(@Root() auction: DutchAuction, @Ctx() ctx: Context): Promise<Product> {
    return this.catalog.of(ctx).productById.load(auction.productId).then(present);
  }

  @FieldResolver(() => Merchant, { description: 'The merchant selling it.' })
  merchant(@Root() auction: DutchAuction, @Ctx() ctx: Context): Promise<Merchant> {
    return this.catalog.of(ctx).merchantById.load(auction.merchantId).then(present);
  }

  @FieldResolver(() => Money, { description: 'The unit price at the start.' })
  startPrice(@Root() auction: DutchAuction): Money {
    return Money.of(auction.startPriceMinor, auction.currency);
  }

  @FieldResolver(() => Money, { description: 'The lowest unit price.' })
  floorPrice(@Root() auction: DutchAuction): Money {
    return Money.of(auction.floorPriceMinor, auction.currency);
  }

  @FieldResolver(() => Money, { description: 'How much the price falls at each step.' })
  decrement(@Root() auction: DutchAuction): Money {
    return Money.of(auction.decrementMinor, auction.currency);
  }

  @FieldResolver(() => Money, {
    description: 'The unit price now, on the server’s clock; after the end, the last price.',
  })
  currentPrice(@Root() auction: DutchAuction): Money {
    return Money.of(dutchStateAt(auction, new Date()).priceMinor, auction.currency);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When the price falls next; null at the floor or after the end.',
  })
  nextDropAt(@Root() auction: DutchAuction): Date | null {
    return dutchStateAt(auction, new Date()).nextDropAt;
  }
}
