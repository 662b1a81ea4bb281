import type { Context } from '../core/context';
import type { Database } from '../core/db/database';
import { GROWING_STATUSES, statusList } from '../pools/pool.entity';
import { AudiencePolicy } from '../privacy/audience.policy';
import { TrustScoreService } from '../trust/trust-score.service';
import type { Signal } from './recommend';
import type { SignalSource } from './recommendation-signals';

/** The ratings that speak for a product: a trusted person's 4 or 5. */
const GOOD_RATING = 4;
/** How many of the newest candidate rows each source reads at most. */
const LIMIT = 200;

/**
 * Everyone the viewer reaches through trust edges within three hops, as a SQL fragment over `:viewerId`; whom the
 * viewer really trusts, and how much, is TrustScoreService' answer (blocks cut paths there).
 */
const REACH = `WITH r1 AS (SELECT trustee_id AS id FROM trust_edges WHERE truster_id = :viewerId),
  r2 AS (SELECT DISTINCT e.trustee_id AS id FROM trust_edges e JOIN r1 ON r1.id = e.truster_id),
  r3 AS (SELECT DISTINCT e.trustee_id AS id FROM trust_edges e JOIN r2 ON r2.id = e.truster_id),
  reach AS (SELECT id FROM r1 UNION SELECT id FROM r2 UNION SELECT id FROM r3)`;

interface PersonRow {
  productId: string;
  personId: string;
  person: string;
  direct: boolean;
}

/** "Anna, whom you trust, rated it 5": good reviews by people the viewer trusts, weighted by that trust. */
export const trustedReviews: SignalSource = async ({ ctx, db, viewer }) => {
  const rows = await query<PersonRow & { rating: number }>(
    db,
    `${REACH}
     SELECT r.product_id AS "productId", r.author_id AS "personId", u.display_name AS person, r.rating,
            EXISTS (SELECT 1 FROM r1 WHERE r1.id = r.author_id) AS direct
       FROM reviews r JOIN users u ON u.id = r.author_id
      WHERE r.author_id IN (SELECT id FROM reach) AND r.author_id <> :viewerId AND r.rating >= :good
      ORDER BY r.created_at DESC LIMIT :limit`,
    { viewerId: viewer.id, good: GOOD_RATING, limit: LIMIT },
  );
  return weighByTrust(ctx, rows, (row, trust) => ({ kind: 'trustedReview', ...row, trust }));
};

/**
 * "Bernd, whom you trust, joined a group buy for it": members of pools still open whom the viewer trusts, as far as
 * each member's pool-participation audience lets the viewer see that they joined.
 */
export const friendsInPools: SignalSource = async ({ ctx, db, viewer }) => {
  const visible = ctx.container.get(AudiencePolicy).visibleWhere(ctx, 'u', 'poolParticipation');
  const rows = await query<PersonRow>(
    db,
    `${REACH}
     SELECT DISTINCT ON (p.product_id, m.user_id)
            p.product_id AS "productId", m.user_id AS "personId", u.display_name AS person,
            EXISTS (SELECT 1 FROM r1 WHERE r1.id = m.user_id) AS direct
       FROM pool_memberships m JOIN pools p ON p.id = m.pool_id JOIN users u ON u.id = m.user_id
      WHERE m.user_id IN (SELECT id FROM reach) AND m.user_id <> :viewerId
        AND p.status IN ${statusList(GROWING_STATUSES)} AND p.deadline > now() AND ${visible.where}
      ORDER BY p.product_id, m.user_id LIMIT :limit`,
    { ...visible.parameters, viewerId: viewer.id, limit: LIMIT },
  );
  return weighByTrust(ctx, rows, (row, trust) => ({ kind: 'friendInPool', ...row, trust }));
};

/** The rows whose person the viewer trusts, as signals carrying that trust; one batched look-up for all. */
async function weighByTrust<R extends PersonRow>(
  ctx: Context,
  rows: R[],
  signal: (row: Omit<R, 'personId'>, trust: number) => Signal,
): Promise<Signal[]> {
  const trust = await ctx.container.get(TrustScoreService).ofMany(
    ctx,
    rows.map((r) => r.personId),
  );
  return rows.flatMap(({ personId: _, ...row }, i) => {
    const t = trust[i];
    return t === null ? [] : [signal(row, t)];
  });
}

function query<T>(db: Database, sql: string, parameters: Record<string, unknown>): Promise<T[]> {
  const [text, values] = db.dataSource.driver.escapeQueryWithParameters(sql, parameters, {});
  return db.query<T>(text, values);
}
