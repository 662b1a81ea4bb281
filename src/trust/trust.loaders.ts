import DataLoader from 'dataloader';
import { type Context, operationLoaders } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { inOrder } from '../core/db/in-order';
import { beyondRing2, HIDDEN, RING1, RING2_EDGES } from './rings.sql';
import { TrustListService } from './trust-list.service';

/** The viewer's trust in each of `$2` (see trust-in.sql.ts), in one statement. */
const TRUST_IN = 'SELECT user_id AS id, trust AS t FROM trust_in($1, $2)';

/**
 * Candidate strongest paths from the viewer ($1) to each of $2, strongest first, along the shortest paths that
 * MoleTrust uses. First hops are limited to $3, the viewer's trustees whose trust lists the viewer may see; for
 * ring 3 there is one candidate per middle user, whose list the caller still has to check.
 */
const PATHS = `WITH ${HIDDEN}, ${RING1},
r2 AS (SELECT DISTINCT e.trustee_id AS id FROM ${RING2_EDGES}),
best2 AS (
  SELECT DISTINCT ON (e.trustee_id) e.trustee_id AS id, r1.id AS via, r1.t * (e.level::float8 / 5) AS s
  FROM ${RING2_EDGES} AND r1.id = ANY($3::uuid[])
  ORDER BY e.trustee_id, s DESC, r1.id
)
SELECT id AS target, ARRAY[id] AS path, t AS s FROM r1 WHERE id = ANY($2::uuid[])
UNION ALL
SELECT id, ARRAY[via, id], s FROM best2 WHERE id = ANY($2::uuid[])
UNION ALL
SELECT e.trustee_id, ARRAY[b.via, b.id, e.trustee_id], b.s * (e.level::float8 / 5)
FROM trust_edges e JOIN best2 b ON b.id = e.truster_id
WHERE e.trustee_id = ANY($2::uuid[]) AND ${beyondRing2('e.trustee_id')}
ORDER BY 1, 3 DESC, 2`;

/**
 * The trust slice's loaders of one operation: the viewer's propagated trust in users and the strongest path to
 * each, all the users asked about in one tick in a constant number of statements, however many there are.
 */
@Injectable()
export class TrustLoaders {
  constructor(
    private readonly db: Database,
    private readonly lists: TrustListService,
  ) {}

  of(ctx: Context) {
    return operationLoaders(ctx, this, () => ({
      trustIn: new DataLoader<string, number | null>(async (ids) => {
        const rows = await this.db.prepared<{ id: string; t: number }>(TRUST_IN, [ctx.viewer!.id, ids]);
        return inOrder(
          ids,
          rows,
          (r) => r.id,
          (r) => r.t,
        );
      }),
      strongest: new DataLoader<string, string[] | null>((ids) => this.strongestPaths(ctx, ids)),
    }));
  }

  /** The strongest path to each of `ids`, through people whose trust lists the viewer may see. */
  private async strongestPaths(ctx: Context, ids: readonly string[]): Promise<Array<string[] | null>> {
    const viewerId = ctx.viewer!.id;
    const firstHops = await this.lists.visibleTo(ctx, await this.lists.trusteeIds(ctx, viewerId));
    const rows = await this.db.query<{ target: string; path: string[] }>(PATHS, [
      viewerId,
      ids,
      [...firstHops],
    ]);
    const middles = await this.lists.visibleTo(ctx, [
      ...new Set(rows.filter((r) => r.path.length === 3).map((r) => r.path[1])),
    ]);
    const best = new Map<string, string[]>();
    for (const { target, path } of rows) {
      if (!best.has(target) && (path.length < 3 || middles.has(path[1]))) best.set(target, path);
    }
    return ids.map((id) => best.get(id) ?? null);
  }
}
