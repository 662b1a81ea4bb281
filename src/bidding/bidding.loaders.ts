import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { byIdLoader } from '../core/db/by-id-loader';
import { Database } from '../core/db/database';
import type { PageArgs } from '../core/relay/connection';
import { Bid } from './bid.entity';
import { pageBids, countBids, type BidPage, type BidScopeKey } from './bid-pages';
import { PriceRequest } from './price-request.entity';

function scopeKey(key: BidScopeKey): string {
  return `${key.requestId}:${key.all}`;
}

/**
 * Per-operation loaders of the bidding slice: requests and bids by id, the viewer's merchants and
 * participations, participant counts, and pages of bids batched across every request of a list (one statement per distinct page).
 */
@Injectable()
export class BiddingLoaders {
  constructor(private readonly db: Database) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => this.create(ctx));
  }

  private create(ctx: Context) {
    const viewerId = ctx.viewer?.id ?? null;
    let merchantIds: Promise<string[]> | undefined;
    /** Merchants the viewer staffs (any role), read once per operation. */
    const viewerMerchantIds = (): Promise<string[]> => {
      merchantIds ??= viewerId
        ? this.db
            .query<{ merchant_id: string }>('SELECT merchant_id FROM merchant_staff WHERE user_id = $1', [
              viewerId,
            ])
            .then((rows) => rows.map((r) => r.merchant_id))
        : Promise.resolve([]);
      return merchantIds;
    };
    const pages = new Map<string, DataLoader<BidScopeKey, BidPage, string>>();
    return {
      requestById: byIdLoader(this.db, PriceRequest),
      bidById: byIdLoader(this.db, Bid),
      viewerMerchantIds,
      /** The viewer's own quantity in each request, null where the viewer has not joined it. */
      viewerQuantity: new DataLoader<string, number | null>(async (requestIds) => {
        const rows = await this.db.query<{ request_id: string; quantity: number }>(
          'SELECT request_id, quantity FROM price_request_participants WHERE buyer_id = $1 AND request_id = ANY($2::uuid[])',
          [viewerId, requestIds],
        );
        const mine = new Map(rows.map((r) => [r.request_id, r.quantity]));
        return requestIds.map((id) => mine.get(id) ?? null);
      }),
      /** How many people take part in each request, its creator included. */
      participantCount: new DataLoader<string, number>(async (requestIds) => {
        const rows = await this.db.query<{ request_id: string; count: number }>(
          `SELECT request_id, count(*)::int AS count FROM price_request_participants
            WHERE request_id = ANY($1::uuid[]) GROUP BY request_id`,
          [requestIds],
        );
        const counts = new Map(rows.map((r) => [r.request_id, r.count]));
        return requestIds.map((id) => counts.get(id) ?? 0);
      }),
      /** A page of the bids the viewer may see, per request; requests asking the same page share one statement. */
      bidPage: (args: PageArgs): DataLoader<BidScopeKey, BidPage, string> => {
        const argsKey = JSON.stringify([args.first, args.after, args.last, args.before]);
        let loader = pages.get(argsKey);
        if (!loader) {
          loader = new DataLoader(async (keys) => pageBids(this.db, keys, await viewerMerchantIds(), args), {
            cacheKeyFn: scopeKey,
          });
          pages.set(argsKey, loader);
        }
        return loader;
      },
      bidCount: new DataLoader<BidScopeKey, number, string>(
        async (keys) => countBids(this.db, keys, await viewerMerchantIds()),
        { cacheKeyFn: scopeKey },
      ),
    };
  }
}
