import { createHash } from 'node:crypto';
import { beyondRing2, closedList, HIDDEN, RING1, RING2, shownThrough } from './rings.sql';

/**
 * `trust_in(viewer, candidates)`: the viewer's propagated trust in each candidate within reach, as rows
 * (`user_id`, `trust`, `hops`), by MoleTrust over 3 hops (mole-trust.ts) with the rules of rings.sql.ts: blocks
 * cut paths, and a value fed only by one person's PRIVATE trust list is not shown. This is how other slices ask
 * for propagated trust: one SQL function, not fragments of the trust slice's SQL.
 *
 * It is made from the same fragments as the trust slice's other statements, so that all agree on who is how far
 * away; inside it `$1` is the viewer, as in them. PL/pgSQL runs its query through the plan cache as a prepared
 * statement would, planned with the candidates at hand, which are joined by hash (a product page passes the
 * authors of up to 2,000 reviews).
 */
export function trustInFunction(): string {
  return `CREATE OR REPLACE FUNCTION trust_in(p_viewer uuid, p_candidates uuid[])
RETURNS TABLE (user_id uuid, trust float8, hops integer) LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  WITH ${HIDDEN}, ${RING1}, ${RING2},
  wanted AS (SELECT DISTINCT c.id FROM unnest(p_candidates) AS c(id)),
  r3 AS (
    SELECT e.trustee_id AS id, sum(r2.t * (e.level::float8 / 5)) / sum(r2.t) AS t,
           ${shownThrough(closedList('r3u'))} AS shown
    FROM trust_edges e JOIN wanted w ON w.id = e.trustee_id
    JOIN r2 ON r2.id = e.truster_id JOIN users r3u ON r3u.id = e.truster_id
    WHERE ${beyondRing2('e.trustee_id')}
    GROUP BY e.trustee_id
  )
  SELECT r1.id, r1.t, 1 FROM r1 JOIN wanted w ON w.id = r1.id
  UNION ALL SELECT r2.id, r2.t, 2 FROM r2 JOIN wanted w ON w.id = r2.id WHERE r2.shown
  UNION ALL SELECT r3.id, r3.t, 3 FROM r3 WHERE r3.shown;
END
$$`;
}

/**
 * A fingerprint of trust_in as this code makes it: each migration that applies it records the one it was written
 * for, and test/trust/trust-in.test.ts fails when the fragments changed without a new migration applying them.
 */
export function trustInVersion(): string {
  return createHash('sha256').update(trustInFunction()).digest('hex').slice(0, 16);
}

/**
 * `trust_beyond(r2, r2_trust, near, candidates)`: trust_in's third ring alone, for a caller that holds the
 * viewer's rings 1 and 2 already (TrustRingsService): the candidates that are not `near` (the viewer, rings 1 and
 * 2, the hidden), reached from ring 2 (`r2`, every member, shown or not, with its trust), by the same average and
 * the same PRIVATE-list rule as trust_in's r3. It walks the edges from the smaller side, which it knows: out of
 * ring 2 when ring 2 is the smaller, else into the candidates.
 */
export function trustBeyondFunction(): string {
  const ring3 = (from: string) => `SELECT e.trustee_id, sum(r2.t * (e.level::float8 / 5)) / sum(r2.t)
    FROM ${from}
    JOIN users r3u ON r3u.id = e.truster_id
    WHERE NOT EXISTS (SELECT 1 FROM unnest(p_near) AS n(id) WHERE n.id = e.trustee_id)
    GROUP BY e.trustee_id
    HAVING ${shownThrough(closedList('r3u'))}`;
  return `CREATE OR REPLACE FUNCTION trust_beyond(p_r2 uuid[], p_r2_trust float8[], p_near uuid[], p_candidates uuid[])
RETURNS TABLE (user_id uuid, trust float8) LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF coalesce(cardinality(p_r2), 0) = 0 OR coalesce(cardinality(p_candidates), 0) = 0 THEN
    RETURN;
  ELSIF cardinality(p_r2) <= cardinality(p_candidates) THEN
    RETURN QUERY ${ring3(`unnest(p_r2, p_r2_trust) AS r2(id, t)
    CROSS JOIN LATERAL (SELECT x.truster_id, x.trustee_id, x.level FROM trust_edges x WHERE x.truster_id = r2.id) e
    JOIN (SELECT DISTINCT c.id FROM unnest(p_candidates) AS c(id)) w ON w.id = e.trustee_id`)};
  ELSE
    RETURN QUERY ${ring3(`(SELECT DISTINCT c.id FROM unnest(p_candidates) AS c(id)) w
    CROSS JOIN LATERAL (SELECT x.truster_id, x.trustee_id, x.level FROM trust_edges x WHERE x.trustee_id = w.id) e
    JOIN unnest(p_r2, p_r2_trust) AS r2(id, t) ON r2.id = e.truster_id`)};
  END IF;
END
$$`;
}
