import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { byIdLoader } from '../core/db/by-id-loader';
import { Database } from '../core/db/database';
import { CallAuction } from './call-auction.entity';
import type { DemandLevel } from './clearing';
import { DutchAuction } from './dutch-auction.entity';
import { LimitBid } from './limit-bid.entity';

/** Auctions, bids and the open book's demand per price level, batched per operation. */
@Injectable()
export class AuctionLoaders {
  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => this.create(ctx));
  }

  private create(ctx: Context) {
    const viewerId = ctx.viewer?.id ?? null;
    return {
      callById: byIdLoader(this.db, CallAuction),
      dutchById: byIdLoader(this.db, DutchAuction),
      bidById: byIdLoader(this.db, LimitBid),
      /** The open bids' quantity per limit, per auction: all an indicative price needs. */
      openDemand: new DataLoader<string, DemandLevel[]>(async (auctionIds) => {
        const rows = await this.db.query<DemandLevel & { auctionId: string }>(
          `SELECT auction_id AS "auctionId", max_unit_price_minor AS "maxUnitPriceMinor",
                  sum(quantity)::int AS quantity
             FROM limit_bids WHERE auction_id = ANY($1::uuid[]) AND status = 'OPEN'
            GROUP BY auction_id, max_unit_price_minor`,
          [auctionIds],
        );
        return auctionIds.map((id) => rows.filter((r) => r.auctionId === id));
      }),
      /** Bids not withdrawn, per auction. */
      bidCount: new DataLoader<string, number>(async (auctionIds) => {
        const rows = await this.db.query<{ auctionId: string; count: number }>(
          `SELECT auction_id AS "auctionId", count(*)::int AS count FROM limit_bids
            WHERE auction_id = ANY($1::uuid[]) AND status <> 'WITHDRAWN' GROUP BY auction_id`,
          [auctionIds],
        );
        const counts = new Map(rows.map((r) => [r.auctionId, r.count]));
        return auctionIds.map((id) => counts.get(id) ?? 0);
      }),
      /** The viewer's own bids per auction, oldest first; none when anonymous. */
      viewerBids: new DataLoader<string, LimitBid[]>(async (auctionIds) => {
        if (!viewerId) return auctionIds.map(() => []);
        const bids = await this.db.repo(LimitBid).find({
          where: { buyerId: viewerId, auctionId: In([...auctionIds]) },
          order: { createdAt: 'ASC', id: 'ASC' },
        });
        return auctionIds.map((id) => bids.filter((b) => b.auctionId === id));
      }),
    };
  }
}
