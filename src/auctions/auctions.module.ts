import { JobQueue } from '../core/jobs/job-queue';
import type { DomainModule } from '../core/module';
import { orNull } from '../core/relay/node';
import { AuctionLoaders } from './auction.loaders';
import { auctionPersonalData } from './auctions.personal-data';
import { CallAuctionFieldsResolver, LimitBidFieldsResolver } from './call-auction-fields.resolver';
import { CallAuction } from './call-auction.entity';
import { CallAuctionResolver } from './call-auction.resolver';
import { CALL_QUEUE, type CallJob, CallClearingService } from './call-clearing.service';
import { DutchAuction } from './dutch-auction.entity';
import { DutchAuctionFieldsResolver, DutchAuctionResolver } from './dutch-auction.resolver';
import { DUTCH_END_QUEUE, DutchAuctionService, type DutchEndJob } from './dutch-auction.service';
import { DutchTake } from './dutch-take.entity';
import { LimitBid } from './limit-bid.entity';

export const auctionsModule: DomainModule = {
  name: 'auctions',
  entities: [CallAuction, LimitBid, DutchAuction, DutchTake],
  resolvers: [
    CallAuctionResolver,
    CallAuctionFieldsResolver,
    LimitBidFieldsResolver,
    DutchAuctionResolver,
    DutchAuctionFieldsResolver,
  ],
  nodeTypes: [
    {
      typeName: 'CallAuction',
      fetch: (ctx, ids) => ctx.container.get(AuctionLoaders).of(ctx).callById.loadMany(ids).then(orNull),
    },
    {
      typeName: 'DutchAuction',
      fetch: (ctx, ids) => ctx.container.get(AuctionLoaders).of(ctx).dutchById.loadMany(ids).then(orNull),
    },
    {
      // A bid is its bidder's own: anyone else gets null.
      typeName: 'LimitBid',
      fetch: async (ctx, ids) => {
        const bids = orNull(await ctx.container.get(AuctionLoaders).of(ctx).bidById.loadMany(ids));
        return bids.map((bid) => (bid && bid.buyerId === ctx.viewer?.id ? bid : null));
      },
    },
  ],
  personalData: auctionPersonalData,
  /** Every instance works the call and end queues; auctions overdue from a time when none ran are queued again. */
  async start(container) {
    const jobs = container.get(JobQueue);
    const calls = container.get(CallClearingService);
    const dutch = container.get(DutchAuctionService);
    await jobs.work<CallJob>(CALL_QUEUE, async ({ auctionId }) => {
      await calls.call(auctionId);
    });
    await jobs.work<DutchEndJob>(DUTCH_END_QUEUE, async ({ auctionId }) => {
      await dutch.end(auctionId);
    });
    await calls.scheduleOverdue();
    await dutch.scheduleOverdue();
  },
};
