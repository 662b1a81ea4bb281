import { Injectable } from '../core/container';
import { Database, preparedStatement } from '../core/db/database';
import type { GroupBuyPool } from './pool.entity';
import { PoolEvents } from './pool.events';
import { PoolRowService } from './pool-row.service';

/** What `pool_join` (see the pools migration) answers for one join. */
export type JoinOutcome =
  | 'JOINED'
  | 'REPLAYED'
  | 'KEY_REUSED'
  | 'NOT_FOUND'
  | 'DEADLINE_PASSED'
  | 'NOT_OPEN'
  | 'ABOVE_CAPACITY'
  | 'SOLD_OUT'
  | 'CAPACITY_EXCEEDED';

export interface JoinRequest {
  userId: string;
  quantity: number;
  idempotencyKey: string;
}

export interface JoinResult {
  outcome: JoinOutcome;
  /** The member's quantity after the join; null when not a member. */
  quantity: number | null;
  joinedAt: Date | null;
  /** Units still free in the pool after this join. */
  left: number | null;
  /** The pool right after the batch, read once and shared by every join of the batch. */
  pool: GroupBuyPool | null;
}

interface Pending {
  request: JoinRequest;
  resolve: (result: JoinResult) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;
const RETRIED_CODES = new Set(['40P01', '40001']);
const POOL_JOIN_TEXT = `SELECT r_outcome AS outcome, r_quantity AS quantity, r_joined_at AS "joinedAt", r_left AS "left"
     FROM pool_join($1, $2::uuid[], $3::int[], $4::text[])`;
const POOL_JOIN = preparedStatement(POOL_JOIN_TEXT);

function joinParams(poolId: string, requests: JoinRequest[]): unknown[] {
  return [
    poolId,
    requests.map((r) => r.userId),
    requests.map((r) => r.quantity),
    requests.map((r) => r.idempotencyKey),
  ];
}

/**
 * Coalesces concurrent joins of one pool into one statement. The first join of a quiet pool goes at once; joins
 * that arrive while it runs wait and go together in the next statement, each still accepted or refused on its
 * own. One statement is one short transaction, so the pool row is locked once per batch, not once per join.
 *
 * Statements run on the data source directly, outside any transaction of the caller; a join made inside a
 * transaction (the demo village) is not batched and joins that transaction instead, so it commits or rolls back
 * with it.
 */
@Injectable()
export class PoolJoinBatcherService {
  /** Joins waiting per pool; a pool has an entry while a batch of it is running. */
  private readonly waiting = new Map<string, Pending[]>();

  constructor(
    private readonly db: Database,
    private readonly events: PoolEvents,
    private readonly poolRows: PoolRowService,
  ) {}

  join(poolId: string, request: JoinRequest): Promise<JoinResult> {
    if (this.db.inTransaction) return this.joinInTransaction(poolId, request);
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(poolId);
      const pending = { request, resolve, reject };
      if (queue) {
        queue.push(pending);
        return;
      }
      this.waiting.set(poolId, [pending]);
      void this.drain(poolId);
    });
  }

  private async joinInTransaction(poolId: string, request: JoinRequest): Promise<JoinResult> {
    const [outcome] = await this.db.prepared<Omit<JoinResult, 'pool'>>(
      POOL_JOIN_TEXT,
      joinParams(poolId, [request]),
    );
    const [pool] = await this.poolRows.find([poolId]);
    if (outcome.outcome === 'JOINED') await this.events.changed(poolId);
    return { ...outcome, pool: pool ?? null };
  }

  private async drain(poolId: string): Promise<void> {
    const queue = this.waiting.get(poolId)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        const results = await this.run(
          poolId,
          batch.map((p) => p.request),
        );
        batch.forEach((p, i) => p.resolve(results[i]));
        if (results.some((r) => r.outcome === 'JOINED')) this.events.announce(poolId);
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.waiting.delete(poolId);
  }

  private async run(poolId: string, requests: JoinRequest[]): Promise<JoinResult[]> {
    const outcomes = await this.decide(poolId, requests);
    const pool = await this.poolRows.findCommitted(poolId);
    return outcomes.map((outcome) => ({ ...outcome, pool }));
  }

  private async decide(
    poolId: string,
    requests: JoinRequest[],
    attempt = 1,
  ): Promise<Array<Omit<JoinResult, 'pool'>>> {
    try {
      return await this.db.dataSource.query(POOL_JOIN, joinParams(poolId, requests));
    } catch (error) {
      // A deadlock is possible only when users reuse one key on two pools at the same moment; try again.
      if (attempt < 3 && RETRIED_CODES.has((error as { code?: string }).code ?? '')) {
        return this.decide(poolId, requests, attempt + 1);
      }
      throw error;
    }
  }
}
