import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { AudiencePolicy } from '../privacy/audience.policy';
import { TrustLoaders } from '../trust/trust.loaders';
import { type LeaderSignals, rankLeaders, type RankedLeader } from './opinion-leaders';

export const DEFAULT_LEADERS = 10;
export const MAX_LEADERS = 50;

interface Reviewer {
  userId: string;
  name: string;
  reviewCount: number;
  helpfulVotes: number;
  trusterCount: number;
}

/**
 * Opinion leaders per category: people with at least one review of a product in it, only those who are
 * discoverable and whose profile audience admits the viewer (and no block between them and the viewer), ranked by
 * `rankLeaders`. The viewer's propagated trust comes from the trust slice's loaders (trust_in), and so does the
 * reach of the people who trust each candidate; an edge from a PRIVATE trust list is not counted.
 */
@Injectable()
export class OpinionLeaderService {
  constructor(
    private readonly db: Database,
    private readonly policy: AudiencePolicy,
    private readonly trust: TrustLoaders,
  ) {}

  async forCategory(ctx: Context, category: string, first?: number | null): Promise<RankedLeader[]> {
    const limit = Math.min(Math.max(first ?? DEFAULT_LEADERS, 0), MAX_LEADERS);
    const name = category.trim();
    if (!name || limit === 0) return [];
    const reviewers = await this.reviewers(ctx, name);
    const viewerId = ctx.viewer?.id;
    const ids = reviewers.map((r) => r.userId);
    const [trust, reach] = viewerId
      ? await Promise.all([this.trust.of(ctx).trustIn.loadMany(ids), this.reach(viewerId, ids)])
      : [ids.map(() => null), new Map<string, { reached: number; direct: boolean }>()];
    const signals: LeaderSignals[] = reviewers.map((r, i) => {
      const t = trust[i];
      return {
        ...r,
        trust: typeof t === 'number' ? t : null,
        direct: reach.get(r.userId)?.direct ?? false,
        reachedTrusters: reach.get(r.userId)?.reached ?? 0,
      };
    });
    return rankLeaders(signals, name, limit);
  }

  private reviewers(ctx: Context, category: string): Promise<Reviewer[]> {
    const viewerId = ctx.viewer?.id ?? null;
    const visible = this.policy.visibleWherePositional(ctx, 'u', 'profile', 2);
    return this.db.query<Reviewer>(
      `WITH authors AS (
         SELECT r.author_id AS id, count(*)::int AS review_count, COALESCE(sum(r.helpful_count), 0)::int AS helpful
           FROM reviews r JOIN products p ON p.id = r.product_id
          WHERE lower(p.category) = lower($1) AND r.author_id IS NOT NULL
          GROUP BY r.author_id)
       SELECT a.id AS "userId", u.display_name AS name, a.review_count AS "reviewCount", a.helpful AS "helpfulVotes",
              (SELECT count(*)::int FROM trust_edges e WHERE e.trustee_id = a.id) AS "trusterCount"
         FROM authors a JOIN users u ON u.id = a.id
        WHERE u.discoverable AND ${visible}
          AND ($2::uuid IS NULL OR (u.id <> $2 AND NOT EXISTS (
                SELECT 1 FROM blocks b WHERE (b.blocker_id = u.id AND b.blocked_id = $2)
                                          OR (b.blocker_id = $2 AND b.blocked_id = u.id))))`,
      [category, viewerId],
    );
  }

  /** For each candidate: how many people within the viewer's reach trust them, and whether the viewer does. */
  private async reach(
    viewerId: string,
    ids: string[],
  ): Promise<Map<string, { reached: number; direct: boolean }>> {
    if (!ids.length) return new Map();
    const rows = await this.db.query<{ id: string; reached: number; direct: boolean }>(
      `WITH edges AS (
         SELECT e.truster_id, e.trustee_id FROM trust_edges e JOIN users tu ON tu.id = e.truster_id
          WHERE e.trustee_id = ANY($2::uuid[]) AND (tu.trust_list_audience <> 'PRIVATE' OR e.truster_id = $1)),
       reached AS (SELECT user_id FROM trust_in($1, ARRAY(SELECT DISTINCT truster_id FROM edges)))
       SELECT e.trustee_id AS id,
              count(*) FILTER (WHERE e.truster_id IN (SELECT user_id FROM reached))::int AS reached,
              bool_or(e.truster_id = $1) AS direct
         FROM edges e GROUP BY e.trustee_id`,
      [viewerId, ids],
    );
    return new Map(rows.map((r) => [r.id, { reached: r.reached, direct: r.direct }]));
  }
}
