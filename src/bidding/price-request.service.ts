import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { ForbiddenError } from '../core/errors/domain-errors';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { type MoneyInput, parseMoney } from '../core/money';
import { EventBus } from '../core/pubsub/event-bus';
import type { ConnectionResult, PageArgs } from '../core/relay/connection';
import { paginate } from '../core/relay/keyset';
import { rules, validate } from '../core/validation';
import { BiddingNoticeService } from './bidding-notice.service';
import { BiddingLoaders } from './bidding.loaders';
import { DeadlineJobService } from './deadline-job.service';
import { PoolRequestService } from '../pools/pool-request.service';
import { PriceRequestParticipant } from './price-request-participant.entity';
import { PriceRequest, PriceRequestStatus } from './price-request.entity';
import { type PriceRequestChanged, priceRequestTopic, startingWith } from './price-request.events';

export interface PriceRequestFilter {
  status?: PriceRequestStatus[] | null;
  category?: string | null;
  region?: string | null;
}

/** One buyer of a price request and the quantity that buyer takes when it is awarded. */
export interface Participant {
  buyerId: string;
  quantity: number;
}

/** A request as its buyer posts it. */
export interface NewPriceRequest {
  title: string;
  description: string;
  category: string;
  quantity: number;
  maxUnitPrice?: MoneyInput | null;
  deadline: Date;
  region: string;
  /** The pool whose members it is for; null when the input's ID named something else than a pool. */
  poolId?: string | null;
}

/** A request locked for change, with the database clock read once the lock was held. */
export interface LockedRequest {
  request: PriceRequest;
  now: Date;
}

const requestRules = () =>
  z.object({
    title: rules.text('The title', 1, 120),
    description: z.string().trim().max(4000, 'The description can have at most 4,000 characters.'),
    category: rules.text('The category', 1, 60),
    region: rules.text('The region', 1, 80),
    quantity: rules.intRange('The quantity', 1, 1_000_000),
    deadline: z.date().min(new Date(Date.now() + 1), 'The deadline must be in the future.'),
  });

/**
 * Posting, finding, listing and withdrawing price requests; joining and leaving them, bids and awards live in
 * their own services.
 */
@Injectable()
export class PriceRequestService {
  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly loaders: BiddingLoaders,
    private readonly deadlines: DeadlineJobService,
    private readonly pools: PoolRequestService,
    private readonly notices: BiddingNoticeService,
  ) {}

  /** Requests for merchants looking for work, newest first; OPEN ones unless `status` says otherwise. */
  list(_ctx: Context, filter: PriceRequestFilter, page: PageArgs): Promise<ConnectionResult<PriceRequest>> {
    const statuses = filter.status?.length ? filter.status : [PriceRequestStatus.OPEN];
    const query = this.db
      .repo(PriceRequest)
      .createQueryBuilder('r')
      .where('r.status IN (:...statuses)', { statuses });
    if (filter.category?.trim()) {
      query.andWhere('lower(r.category) = lower(:category)', { category: filter.category.trim() });
    }
    if (filter.region?.trim())
      query.andWhere('lower(r.region) = lower(:region)', { region: filter.region.trim() });
    return paginate(query, page, {
      columns: ['r.created_at', 'r.id'],
      key: (r) => [r.createdAt, r.id],
      direction: 'DESC',
    });
  }

  /** The requests a person posted or joined, newest first, whatever their status. */
  ofParticipant(userId: string, page: PageArgs): Promise<ConnectionResult<PriceRequest>> {
    const query = this.db
      .repo(PriceRequest)
      .createQueryBuilder('r')
      .where(
        '(r.buyerId = :userId OR r.id IN (SELECT p.request_id FROM price_request_participants p WHERE p.buyer_id = :userId))',
        { userId },
      );
    return paginate(query, page, {
      columns: ['r.createdAt', 'r.id'],
      key: (r) => [r.createdAt, r.id],
      direction: 'DESC',
    });
  }

  async create(ctx: Context, buyerId: string, input: NewPriceRequest): Promise<PriceRequest> {
    if (input.poolId === null) throw notFoundIn('poolId', 'pool');
    const valid = validate(requestRules(), input);
    const max = input.maxUnitPrice ? parseMoney(input.maxUnitPrice, 'maxUnitPrice') : null;
    return this.db.transaction(async () => {
      const id = randomUUID();
      const pool = input.poolId ? await this.pools.forRequest(input.poolId, buyerId) : null;
      const request = await this.db.repo(PriceRequest).save(
        this.db.repo(PriceRequest).create({
          ...valid,
          id,
          buyerId,
          poolId: input.poolId ?? null,
          productId: pool?.productId ?? null,
          maxUnitPriceMinor: max?.minor ?? null,
          currency: max?.currency ?? 'EUR',
        }),
      );
      // The creator is the first participant, with the quantity given; the pool's other members are invited.
      await this.db
        .repo(PriceRequestParticipant)
        .insert({ requestId: id, buyerId, quantity: valid.quantity });
      if (pool) await this.notices.invited(request, pool.inviteeIds, buyerId);
      await this.deadlines.schedule(id, request.deadline);
      await this.notices.posted(request);
      return request;
    });
  }

  async cancel(_ctx: Context, viewerId: string, requestId: string | null): Promise<PriceRequest> {
    return this.db.transaction(async () => {
      const locked = await this.lock(requestId, 'requestId');
      if (locked.request.buyerId !== viewerId)
        throw new ForbiddenError('Only the buyer can cancel a price request.');
      this.assertOpen(locked, 'requestId');
      await this.withdraw(locked, viewerId, viewerId);
      return this.db.repo(PriceRequest).findOneByOrFail({ id: locked.request.id });
    });
  }

  /**
   * CANCELLED, in the caller's transaction with the request locked: everyone involved but `by` is told, from
   * `actorId` (the buyer, or nobody when the buyer's account is being erased).
   */
  async withdraw(locked: LockedRequest, by: string, actorId: string | null): Promise<void> {
    const { request, now } = locked;
    await this.db
      .repo(PriceRequest)
      .update(
        { id: request.id, status: PriceRequestStatus.OPEN },
        { status: PriceRequestStatus.CANCELLED, closedAt: now },
      );
    await this.notices.cancelled(request, await this.participants(request.id), by, actorId);
    await this.published(request.id);
  }

  /** Locks the request's row for the rest of the transaction; every change of a request goes through here. */
  async lock(requestId: string | null, field: string): Promise<LockedRequest> {
    const locked = requestId ? await this.lockIfExists(requestId) : null;
    if (!locked) throw notFoundIn(field, 'price request');
    return locked;
  }

  async lockIfExists(requestId: string): Promise<LockedRequest | null> {
    const request = await this.db.repo(PriceRequest).findOne({
      where: { id: requestId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!request) return null;
    const [{ now }] = await this.db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    return { request, now };
  }

  /** Refuses a change of a request that is closed or whose deadline has passed (even before its job ran). */
  assertOpen({ request, now }: LockedRequest, field: string): void {
    if (request.status !== PriceRequestStatus.OPEN) {
      throw UserFacingError.of(
        field,
        UserErrorCode.NotOpen,
        `This price request is ${request.status.toLowerCase()}.`,
      );
    }
    if (now >= request.deadline) {
      throw UserFacingError.of(
        field,
        UserErrorCode.DeadlinePassed,
        'The deadline of this price request has passed.',
      );
    }
  }

  /** The participants of a request, its creator first, then in the order they joined. */
  participants(requestId: string): Promise<Participant[]> {
    return this.db.repo(PriceRequestParticipant).find({
      where: { requestId },
      select: { buyerId: true, quantity: true },
      order: { joinedAt: 'ASC', buyerId: 'ASC' },
    });
  }

  /** The request's changes as they are published, starting with the request as it is now; null if none. */
  async watch(ctx: Context, requestId: string): Promise<AsyncIterable<PriceRequestChanged> | null> {
    if (!(await this.loaders.of(ctx).requestById.load(requestId))) return null;
    const changes = this.bus.subscribe(priceRequestTopic(requestId)) as AsyncIterable<PriceRequestChanged>;
    return startingWith({ id: requestId }, changes);
  }

  /** Publishes the change once the transaction commits. */
  published(requestId: string): Promise<void> {
    return this.db.afterCommit(() => this.bus.publish(priceRequestTopic(requestId), { id: requestId }));
  }
}

/** The bidding slice's NOT_FOUND: "There is no <noun> with this ID.", the same for an ID of another type. */
export function notFoundIn(field: string, noun: string): UserFacingError {
  return UserFacingError.of(field, UserErrorCode.NotFound, `There is no ${noun} with this ID.`);
}
