import { BiddingNoticeService } from './bidding-notice.service';
import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Config } from '../core/config';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { type MinorAmount, type MoneyInput, parseMoney } from '../core/money';
import { validate } from '../core/validation';
import { bidRefusal, decrementInMinor, extendedDeadline } from './auction-rules';
import type { Bid } from './bid.entity';
import { bidFromRow } from './bid-pages';
import { BiddingLoaders } from './bidding.loaders';
import { BidVisibilityPolicy, ViewerRole } from './bid-visibility.policy';
import { DeadlineJobService } from './deadline-job.service';
import { PriceRequest } from './price-request.entity';
import { type LockedRequest, notFoundIn, PriceRequestService } from './price-request.service';

export interface NewBid {
  /** Local ids, null where the input's ID named something of another type. */
  requestId: string | null;
  /** Left out (undefined): the one merchant the bidder works for. */
  merchantId?: string | null;
  unitPrice: MoneyInput;
  note?: string | null;
}

interface BidFields {
  merchantId: string;
  bidderId: string;
  price: MinorAmount;
  note: string;
}

const noteRule = z.object({
  note: z.string().trim().max(1000, 'The note can have at most 1,000 characters.'),
});

/**
 * Placing bids. Bids on one request serialize on the request's row lock, so each is judged against the best
 * bid as it stands when it is stored, however many merchants bid at once.
 */
@Injectable()
export class BiddingService {
  constructor(
    private readonly db: Database,
    private readonly config: Config,
    private readonly requests: PriceRequestService,
    private readonly visibility: BidVisibilityPolicy,
    private readonly loaders: BiddingLoaders,
    private readonly deadlines: DeadlineJobService,
    private readonly notices: BiddingNoticeService,
  ) {}

  async placeBid(
    ctx: Context,
    bidderId: string,
    input: NewBid,
  ): Promise<{ bid: Bid; request: PriceRequest }> {
    if (!input.requestId) throw notFoundIn('requestId', 'price request');
    if (input.merchantId === null) throw notFoundIn('merchantId', 'merchant');
    const { note } = validate(noteRule, { note: input.note ?? '' });
    const price = parsePrice(input.unitPrice);
    const merchantId = await this.merchantFor(ctx, input.merchantId);
    const result = await this.db.transaction(async () => {
      const locked = await this.requests.lock(input.requestId, 'requestId');
      await this.judge(ctx, locked, merchantId, price);
      return this.record(locked.request, { merchantId, bidderId, price, note });
    });
    return result;
  }

  /** Refuses the bid unless it may be stored now; everything here is read under the request's lock. */
  private async judge(ctx: Context, locked: LockedRequest, merchantId: string, price: MinorAmount) {
    const { request } = locked;
    if ((await this.visibility.role(ctx, request)) === ViewerRole.BUYER) {
      throw new ForbiddenError('You cannot bid on your own price request.');
    }
    this.requests.assertOpen(locked, 'requestId');
    if (price.currency !== request.currency) {
      throw UserFacingError.of(
        ['unitPrice', 'currencyCode'],
        UserErrorCode.Invalid,
        `This price request is in ${request.currency}.`,
      );
    }
    const refusal = bidRefusal(
      price.minor,
      {
        bestMinor: request.bestBidMinor,
        ownLastMinor: await this.ownLast(request.id, merchantId),
        currency: request.currency,
      },
      decrementInMinor(this.config.MIN_BID_DECREMENT, request.currency),
    );
    if (refusal) throw UserFacingError.of('unitPrice', UserErrorCode.BidTooHigh, refusal);
  }

  /** Stores the bid as the new best, moves the deadline for a late bid, and publishes the change after commit. */
  private async record(
    request: PriceRequest,
    fields: BidFields,
  ): Promise<{ bid: Bid; request: PriceRequest }> {
    const bid = await this.insert(request.id, fields);
    const deadline = extendedDeadline(
      request.deadline,
      bid.createdAt,
      this.config.BID_EXTENSION_WINDOW,
      this.config.BID_EXTENSION,
    );
    await this.notices.outbid(request, request.bestBidId, fields.merchantId);
    const changes = { bestBidId: bid.id, bestBidMinor: bid.unitPriceMinor, deadline };
    await this.db.repo(PriceRequest).update(request.id, changes);
    if (deadline.getTime() !== request.deadline.getTime())
      await this.deadlines.schedule(request.id, deadline);
    await this.requests.published(request.id);
    return { bid, request: Object.assign(request, changes) };
  }

  /** The merchant the viewer bids for: the one named, or the only one the viewer staffs. */
  private async merchantFor(ctx: Context, merchantId: string | undefined): Promise<string> {
    const mine = await this.loaders.of(ctx).viewerMerchantIds();
    if (merchantId) {
      if (mine.includes(merchantId)) return merchantId;
      const [exists] = await this.db.query('SELECT 1 FROM merchants WHERE id = $1', [merchantId]);
      if (!exists) throw notFoundIn('merchantId', 'merchant');
      throw new ForbiddenError('You can bid only for a merchant you work for.');
    }
    if (mine.length === 0) throw new ForbiddenError('Only merchant staff can bid.');
    if (mine.length > 1) {
      throw UserFacingError.of(
        'merchantId',
        UserErrorCode.Invalid,
        'You work for several merchants: say which one bids.',
      );
    }
    return mine[0];
  }

  /**
   * Stores the bid, stamped with the database clock at the moment it is written: under the request's lock, so
   * the stamps of one request's bids follow the order in which they were judged.
   */
  private async insert(requestId: string, bid: BidFields): Promise<Bid> {
    const [row] = await this.db.query(
      `INSERT INTO bids (request_id, merchant_id, bidder_id, unit_price_minor, currency, note, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp()) RETURNING *`,
      [requestId, bid.merchantId, bid.bidderId, bid.price.minor, bid.price.currency, bid.note],
    );
    return bidFromRow(row);
  }

  /** The merchant's latest (and so lowest) bid on the request, if any. */
  private async ownLast(requestId: string, merchantId: string): Promise<number | null> {
    const [row] = await this.db.query<{ min: number | null }>(
      'SELECT min(unit_price_minor) AS min FROM bids WHERE request_id = $1 AND merchant_id = $2',
      [requestId, merchantId],
    );
    return row.min;
  }
}

/** A positive unit price; a negative one is OUT_OF_RANGE like zero, not a malformed amount. */
function parsePrice(input: MoneyInput): MinorAmount {
  if (/^\s*-\s*\d/.test(input.amount)) {
    throw UserFacingError.of(
      ['unitPrice', 'amount'],
      UserErrorCode.OutOfRange,
      'The amount must be more than zero.',
    );
  }
  return parseMoney(input, 'unitPrice');
}
