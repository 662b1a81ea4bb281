import { z } from 'zod';
import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { rules, validate } from '../core/validation';
import { PriceRequest } from './price-request.entity';
import { type LockedRequest, PriceRequestService } from './price-request.service';

const joinRules = z.object({
  quantity: rules.intRange('The quantity', 1, 1_000_000),
  idempotencyKey: rules.idempotencyKey,
});

export interface JoinRequest {
  /** Null when the input's ID named something else than a price request. */
  requestId: string | null;
  quantity: number;
  idempotencyKey: string;
}

/**
 * A group forms around a price request: anyone joins an open one with a quantity of their own (joining again sets
 * it) and leaves until the award; the request's quantity is always the sum of its participants'. Every change
 * takes the request's row lock, as bids and the award do, so the sum and the award's orders agree.
 */
@Injectable()
export class GroupRequestService {
  constructor(
    private readonly db: Database,
    private readonly requests: PriceRequestService,
  ) {}

  /**
   * A retry with the same idempotency key and input changes nothing and answers the request as it is; the same key
   * with other input is IDEMPOTENCY_KEY_REUSED.
   */
  async join(_ctx: Context, userId: string, input: JoinRequest): Promise<PriceRequest> {
    const valid = validate(joinRules, input);
    return this.db.transaction(async () => {
      const locked = await this.requests.lock(input.requestId, 'requestId');
      const [used] = await this.db.query<{ request_id: string; quantity: number }>(
        'SELECT request_id, quantity FROM price_request_join_keys WHERE user_id = $1 AND idempotency_key = $2',
        [userId, valid.idempotencyKey],
      );
      if (used) {
        if (used.request_id === locked.request.id && used.quantity === valid.quantity) return locked.request;
        throw keyReused();
      }
      this.requests.assertOpen(locked, 'requestId');
      const [stored] = await this.db.query<{ user_id: string }>(
        `WITH stored AS (INSERT INTO price_request_join_keys (user_id, idempotency_key, request_id, quantity)
                         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING user_id)
         SELECT user_id FROM stored`,
        [userId, valid.idempotencyKey, locked.request.id, valid.quantity],
      );
      // The same key used at the same moment for another request, which holds another lock.
      if (!stored) throw keyReused();
      await this.db.query(
        `INSERT INTO price_request_participants (request_id, buyer_id, quantity) VALUES ($1, $2, $3)
         ON CONFLICT (request_id, buyer_id) DO UPDATE SET quantity = EXCLUDED.quantity`,
        [locked.request.id, userId, valid.quantity],
      );
      return this.resum(locked);
    });
  }

  /** Leaves an open request; its creator withdraws it instead (cancelPriceRequest). */
  async leave(_ctx: Context, userId: string, requestId: string | null): Promise<PriceRequest> {
    return this.db.transaction(async () => {
      const locked = await this.requests.lock(requestId, 'requestId');
      this.requests.assertOpen(locked, 'requestId');
      if (locked.request.buyerId === userId) {
        throw UserFacingError.of(
          'requestId',
          UserErrorCode.Forbidden,
          'You posted this price request: withdraw it instead of leaving it.',
        );
      }
      const gone = await this.db.query<{ buyer_id: string }>(
        `WITH gone AS (DELETE FROM price_request_participants WHERE request_id = $1 AND buyer_id = $2
                       RETURNING buyer_id)
         SELECT buyer_id FROM gone`,
        [locked.request.id, userId],
      );
      if (!gone.length) {
        throw UserFacingError.of('requestId', NOT_PARTICIPATING, 'You have not joined this price request.');
      }
      return this.resum(locked);
    });
  }

  /** The request's quantity as the sum of its participants', published after commit. */
  private async resum({ request }: LockedRequest): Promise<PriceRequest> {
    await this.db.query(
      `UPDATE price_requests SET quantity = (SELECT sum(quantity) FROM price_request_participants WHERE request_id = $1),
              updated_at = now()
        WHERE id = $1`,
      [request.id],
    );
    await this.requests.published(request.id);
    return this.db.repo(PriceRequest).findOneByOrFail({ id: request.id });
  }
}

/** The userError code for leaving a request one has not joined. */
export const NOT_PARTICIPATING = 'NOT_PARTICIPATING';

function keyReused(): UserFacingError {
  return UserFacingError.of(
    'idempotencyKey',
    UserErrorCode.IdempotencyKeyReused,
    'This idempotency key was used for another join.',
  );
}
