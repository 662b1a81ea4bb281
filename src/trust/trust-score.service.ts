import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { beyondRing2, closedList, HIDDEN, RING1, RING2, shownThrough } from './rings.sql';

/**
 * CTEs `hidden, r1, r2, r3, trust` for the viewer's (`$1`) trust in the candidates, by MoleTrust over 3 hops
 * (mole-trust.ts): rings 1 and 2 are aggregated in PostgreSQL from the covering trust-edge indexes, ring 3 only
 * for the candidates. `isCandidate(column)` is the SQL condition that a user id is one; `trust (id, t)` holds the
 * candidates within reach whose value may be shown (`shownThrough`: not one person's PRIVATE edge alone), and
 * with `allOfRings12` every such member of rings 1 and 2 as well: for a statement that joins `trust` to its
 * candidates anyway, where filtering the rings first would make PostgreSQL compare every member with every
 * candidate (it cannot estimate a CTE's size, and picks a nested loop).
 */
export const trustInCandidates = (
  isCandidate: (column: string) => string,
  { allOfRings12 = false } = {},
) => `${HIDDEN}, ${RING1}, ${RING2},
r3 AS (
  SELECT e.trustee_id AS id, sum(r2.t * (e.level::float8 / 5)) / sum(r2.t) AS t,
         ${shownThrough(closedList('r3u'))} AS shown
  FROM trust_edges e JOIN r2 ON r2.id = e.truster_id JOIN users r3u ON r3u.id = e.truster_id
  WHERE ${isCandidate('e.trustee_id')} AND ${beyondRing2('e.trustee_id')}
  GROUP BY e.trustee_id
),
trust AS (
  SELECT id, t FROM r1 WHERE ${allOfRings12 ? 'true' : isCandidate('r1.id')}
  UNION ALL SELECT id, t FROM r2 WHERE shown AND ${allOfRings12 ? 'true' : isCandidate('r2.id')}
  UNION ALL SELECT id, t FROM r3 WHERE shown
)`;

/** The viewer's trust in each of `$2`, in one statement. */
const TRUST_IN = `WITH ${trustInCandidates((column) => `${column} = ANY($2::uuid[])`)} SELECT id, t FROM trust`;

/**
 * The viewer's propagated trust in other users, batched per operation: all the users asked about in one tick
 * cost one statement, however many there are.
 */
@Injectable()
export class TrustScoreService {
  constructor(private readonly db: Database) {}

  /**
   * The viewer's trust in `userId`, in (0, 1]; null when unreachable within 3 hops, anonymous, oneself, or when
   * the value would rest on one person's PRIVATE trust list alone (rings.sql.ts, `shownThrough`).
   */
  async of(ctx: Context, userId: string): Promise<number | null> {
    if (!ctx.viewer || ctx.viewer.id === userId) return null;
    return this.loaders(ctx).trustIn.load(userId);
  }

  /** Trust in several users at once, in order. */
  async ofMany(ctx: Context, userIds: readonly string[]): Promise<Array<number | null>> {
    return Promise.all(userIds.map((id) => this.of(ctx, id)));
  }

  private loaders(ctx: Context) {
    return operationLoaders(ctx, this, () => this.createLoaders(ctx));
  }

  private readonly createLoaders = (ctx: Context) => ({
    trustIn: new DataLoader<string, number | null>(async (ids) => {
      const rows = await this.db.prepared<{ id: string; t: number }>(TRUST_IN, [ctx.viewer!.id, ids]);
      const byId = new Map(rows.map((r) => [r.id, r.t]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  });
}
