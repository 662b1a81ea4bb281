import type { Context } from '../core/context';
import { Injectable } from '../core/container';
import { Database } from '../core/db/database';
import { EntityRows } from '../core/db/entity-rows';
import { AudiencePolicy } from '../privacy/audience.policy';
import { User } from '../users/user.entity';
import { FriendRecommendation } from './friend-recommendation.type';
import { type Candidates, RecommendationCandidateService } from './recommendation-candidate.service';
import { MAX_VIA, recommendationReason } from './recommendations';
import { HIDDEN, RING1 } from './rings.sql';

/**
 * The viewer's ($1) top $2 recommendations among the scored candidates ($4 ids, $5 mutual counts, $6 scores,
 * best first; see RecommendationCandidateService), with the users in the same statement. What may be seen is decided
 * here, on every read: a candidate must be discoverable and neither block nor be blocked by the viewer. Each
 * keeps up to $3 intermediaries, strongest path first, among those whose trust list the viewer may see
 * (`visibleVia`, the rule of AudiencePolicy on their `users` row `vu`). Rows: the recommendations in order
 * (`position` 1, 2, …, with the user's columns), then the intermediaries' users (`position` null).
 */
const recommendationsSql = (users: EntityRows<User>, visibleVia: string) => `WITH ${HIDDEN}, ${RING1},
candidates AS (
  SELECT * FROM unnest($4::uuid[], $5::int[], $6::float8[]) WITH ORDINALITY AS c(id, mutual_count, score, rank)
),
top AS (
  SELECT c.id, c.mutual_count, c.score, row_number() OVER (ORDER BY c.rank)::int AS position
  FROM candidates c
  WHERE NOT EXISTS (SELECT 1 FROM hidden h WHERE h.id = c.id)
    AND EXISTS (SELECT 1 FROM users u WHERE u.id = c.id AND u.discoverable)
  ORDER BY c.rank
  LIMIT $2
),
via AS (
  SELECT v.recommended, v.id, v.rank FROM (
    SELECT top.id AS recommended, e.truster_id AS id,
           row_number() OVER (PARTITION BY top.id ORDER BY r1.t * (e.level::float8 / 5) DESC, e.truster_id) AS rank
    FROM top JOIN trust_edges e ON e.trustee_id = top.id JOIN r1 ON r1.id = e.truster_id
    JOIN users vu ON vu.id = e.truster_id
    WHERE ${visibleVia}
  ) v WHERE v.rank <= $3
)
SELECT top.position, top.score, top.mutual_count AS "mutualCount",
       ARRAY(SELECT via.id FROM via WHERE via.recommended = top.id ORDER BY via.rank) AS via, ${users.select('u')}
  FROM top JOIN users u ON u.id = top.id
UNION ALL
SELECT NULL, NULL, NULL, NULL, ${users.select('u')} FROM users u WHERE u.id IN (SELECT id FROM via)`;

interface Row {
  position: number | null;
  score: number;
  mutualCount: number;
  via: string[];
}

@Injectable()
export class FriendRecommendationService {
  private readonly rows = new EntityRows(this.db.dataSource, User);
  private sql?: string;

  constructor(
    private readonly db: Database,
    private readonly policy: AudiencePolicy,
    private readonly candidates: RecommendationCandidateService,
  ) {}

  /**
   * The best `first` recommendations for the viewer (`ctx.viewer`, signed in), best first: one statement when the
   * viewer's candidates are in memory, two otherwise.
   */
  async list(ctx: Context, viewerId: string, first: number): Promise<FriendRecommendation[]> {
    if (first <= 0 || !ctx.viewer) return [];
    let candidates = await this.candidates.best(viewerId);
    let rows = await this.read(ctx, viewerId, first, candidates);
    if (candidates.truncated && rows.filter((row) => row.position !== null).length < first) {
      // Most of the best candidates are hidden from this viewer: look through all of them.
      candidates = await this.candidates.all(viewerId);
      rows = await this.read(ctx, viewerId, first, candidates);
    }
    const byId = new Map<string, User>();
    for (const row of rows) {
      const user = this.rows.from(row);
      byId.set(user.id, user);
    }
    return rows
      .filter((row) => row.position !== null)
      .sort((a, b) => a.position! - b.position!)
      .map((row) => {
        const via = row.via.flatMap((id) => byId.get(id) ?? []);
        const reason = recommendationReason(
          via.map((u) => u.displayName),
          row.mutualCount,
        );
        const { score, mutualCount } = row;
        return Object.assign(new FriendRecommendation(), {
          user: byId.get(row.id as string)!,
          score,
          mutualCount,
          via,
          reason,
        });
      });
  }

  private read(ctx: Context, viewerId: string, first: number, candidates: Candidates) {
    const { ids, mutualCounts, scores } = candidates;
    return this.db.prepared<Row & Record<string, unknown>>(this.statement(ctx), [
      viewerId,
      first,
      MAX_VIA,
      ids,
      mutualCounts,
      scores,
    ]);
  }

  /** The statement for a signed-in viewer (the audience rule's one parameter is the viewer, `$1`). */
  private statement(ctx: Context): string {
    if (!this.sql) {
      this.sql = recommendationsSql(this.rows, this.policy.visibleWherePositional(ctx, 'vu', 'trustList', 1));
    }
    return this.sql;
  }
}
