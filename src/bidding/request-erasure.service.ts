import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { AwardService } from './award.service';
import { type LockedRequest, PriceRequestService } from './price-request.service';
import { PriceRequestStatus } from './price-request.entity';

/**
 * What erasing an account does to the price requests the person buys in, inside the erasure's transaction. Each
 * open one, locked in id order: if its deadline has passed before its job ran, it is closed first as the job would
 * have closed it (awarded, with the orders, or expired); else one they posted is withdrawn (CANCELLED, the bidders
 * and the other buyers told, by nobody), and from a group request someone else posted they step out, taking their
 * quantity with them, while it goes on for the others. Every request stays, without its buyer: the merchants' bids
 * and the orders awarded from it refer to it.
 */
@Injectable()
export class RequestErasureService {
  constructor(
    private readonly db: Database,
    private readonly requests: PriceRequestService,
    private readonly awards: AwardService,
  ) {}

  async erase(userId: string): Promise<void> {
    await this.db.transaction(async () => {
      const open = await this.db.query<{ id: string }>(
        `SELECT r.id FROM price_requests r
          WHERE r.status = 'OPEN' AND (r.buyer_id = $1 OR EXISTS (
                SELECT 1 FROM price_request_participants p WHERE p.request_id = r.id AND p.buyer_id = $1))
          ORDER BY r.id`,
        [userId],
      );
      for (const { id } of open) await this.settle(await this.requests.lock(id, 'requestId'), userId);
      await this.db.query('UPDATE price_requests SET buyer_id = NULL WHERE buyer_id = $1', [userId]);
    });
  }

  private async settle(locked: LockedRequest, userId: string): Promise<void> {
    const { request, now } = locked;
    if (request.status !== PriceRequestStatus.OPEN) return;
    if (now >= request.deadline) return this.awards.closeAtDeadline(request.id);
    const [{ others }] = await this.db.query<{ others: number }>(
      `SELECT count(*)::int AS others FROM price_request_participants WHERE request_id = $1 AND buyer_id <> $2`,
      [request.id, userId],
    );
    if (request.buyerId === userId || others === 0) return this.requests.withdraw(locked, userId, null);
    await this.db.query(
      `WITH gone AS (DELETE FROM price_request_participants WHERE request_id = $1 AND buyer_id = $2 RETURNING quantity)
       UPDATE price_requests r SET quantity = r.quantity - gone.quantity FROM gone WHERE r.id = $1`,
      [request.id, userId],
    );
    await this.requests.published(request.id);
  }
}
