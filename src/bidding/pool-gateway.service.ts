import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { UserErrorCode, UserFacingError } from '../core/errors/user-error';
import { PoolClosingService } from '../pools/pool-closing.service';
import { notFoundIn } from './price-request.service';

/** One buyer of a price request and the quantity that buyer takes when it is awarded. */
export interface Participant {
  buyerId: string;
  quantity: number;
}

/**
 * What a group price request takes from pools, inside the request's transaction: the pool, locked, must be OPEN
 * or TIPPED and `requestedBy` one of its members; it is then CANCELLED (its stock released, its members told
 * why), and its members with their quantities become the request's buyers.
 */
@Injectable()
export class PoolGatewayService {
  constructor(
    private readonly db: Database,
    private readonly closing: PoolClosingService,
  ) {}

  async handOver(_ctx: Context, poolId: string, requestedBy: string): Promise<Participant[]> {
    return this.db.transaction(async () => {
      const [pool] = await this.db.query<{ status: string; open: boolean }>(
        'SELECT status, deadline > clock_timestamp() AS open FROM pools WHERE id = $1 FOR UPDATE',
        [poolId],
      );
      if (!pool) throw notFoundIn('poolId', 'pool');
      const members = await this.db.query<{ buyerId: string; quantity: number }>(
        'SELECT user_id AS "buyerId", quantity FROM pool_memberships WHERE pool_id = $1 ORDER BY created_at, user_id',
        [poolId],
      );
      if (!members.some((m) => m.buyerId === requestedBy)) {
        throw UserFacingError.of(
          'poolId',
          UserErrorCode.Forbidden,
          'Only a member of the pool can ask for its price.',
        );
      }
      if (!['OPEN', 'TIPPED'].includes(pool.status) || !pool.open) {
        throw UserFacingError.of(
          'poolId',
          UserErrorCode.NotOpen,
          'Only an open or tipped pool can ask for a price.',
        );
      }
      await this.closing.cancel(poolId, requestedBy, 'PRICE_REQUEST');
      return members;
    });
  }
}
