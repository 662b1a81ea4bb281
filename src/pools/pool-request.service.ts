import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { GROWING_STATUSES, type PoolStatus } from './pool.entity';

/** What a price request made from a pool takes from it: the product wanted and the members to invite. */
export interface PoolForRequest {
  productId: string;
  /** Every member but the one who makes the request, in the order they joined. */
  inviteeIds: string[];
}

/**
 * A member of a pool asks merchants for the price of its product: the request is the member's own, the pool goes
 * on as it is (one member must not end everyone's pool), and its other members are invited to join the request.
 */
@Injectable()
export class PoolRequestService {
  constructor(private readonly db: Database) {}

  /**
   * The pool, read under a share lock in the request's transaction (so it cannot close meanwhile), must be OPEN or
   * TIPPED before its deadline, and `requestedBy` one of its members.
   */
  async forRequest(poolId: string, requestedBy: string): Promise<PoolForRequest> {
    const [pool] = await this.db.query<{ status: PoolStatus; open: boolean; productId: string }>(
      `SELECT status, deadline > clock_timestamp() AS open, product_id AS "productId"
         FROM pools WHERE id = $1 FOR SHARE`,
      [poolId],
    );
    if (!pool) throw UserFacingError.of('poolId', UserErrorCode.NotFound, 'There is no pool with this ID.');
    const members = await this.db.query<{ userId: string }>(
      'SELECT user_id AS "userId" FROM pool_memberships WHERE pool_id = $1 ORDER BY created_at, user_id',
      [poolId],
    );
    if (!members.some((m) => m.userId === requestedBy)) {
      throw UserFacingError.of(
        'poolId',
        UserErrorCode.Forbidden,
        'Only a member of the pool can ask for its price.',
      );
    }
    if (!GROWING_STATUSES.includes(pool.status) || !pool.open) {
      throw UserFacingError.of(
        'poolId',
        UserErrorCode.NotOpen,
        'Only an open or tipped pool can ask for a price.',
      );
    }
    return {
      productId: pool.productId,
      inviteeIds: members.map((m) => m.userId).filter((id) => id !== requestedBy),
    };
  }
}
