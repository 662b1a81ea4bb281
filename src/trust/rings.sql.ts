/**
 * SQL building blocks for the viewer's trust rings (see mole-trust.ts), shared by propagated trust, strongest
 * paths and friend recommendations so that all three agree on who is how far away. `$1` is always the viewer.
 * Weights are computed in float8 in the same order as mole-trust.ts: t(p) · (level / 5).
 */

/** Users the viewer has blocked or is blocked by: they neither receive nor pass the viewer's trust. */
export const HIDDEN = `hidden AS (
  SELECT blocked_id AS id FROM blocks WHERE blocker_id = $1
  UNION SELECT blocker_id FROM blocks WHERE blocked_id = $1
)`;

/** Whether the trust list of the user whose `users` row is `usersAlias` is PRIVATE: its edges are its own. */
export const closedList = (usersAlias: string) => `${usersAlias}.trust_list_audience = 'PRIVATE'`;

/**
 * The one rule for values that flow through PRIVATE trust lists, as an aggregate over the edges that carry a
 * value into one user (one row per edge, `closed` whether the edge's truster keeps a PRIVATE list). A value fed
 * only by PRIVATE edges is shown only when at least two different people's edges feed it: with one, a
 * propagated trust would equal that person's private level, and a friend recommendation would name their
 * private edge. Edges of TRUST_NETWORK and PUBLIC lists propagate as they are: that is what a trust network is
 * for. Each edge has its own truster (one edge per pair), so the edges counted are people counted.
 */
export const shownThrough = (closed: string) => `(count(*) >= 2 OR bool_or(NOT ${closed}))`;

/**
 * Ring 1, the viewer's direct trustees, with t = level / 5 (always shown: the viewer's own edges), and `closed`:
 * whether their own trust list is PRIVATE, for the values they pass on.
 */
export const RING1 = `r1 AS (
  SELECT e.trustee_id AS id, e.level::float8 / 5 AS t, ${closedList('r1u')} AS closed
  FROM trust_edges e JOIN users r1u ON r1u.id = e.trustee_id
  WHERE e.truster_id = $1 AND NOT EXISTS (SELECT 1 FROM hidden h WHERE h.id = e.trustee_id)
)`;

/**
 * FROM/WHERE of the edges `e` from ring 1 into users at distance exactly 2 (neither the viewer, nor in ring 1,
 * nor hidden); `r1.t * (e.level::float8 / 5)` is the strength of the path through `e`.
 */
export const RING2_EDGES = `r1 JOIN trust_edges e ON e.truster_id = r1.id
  WHERE e.trustee_id <> $1
    AND NOT EXISTS (SELECT 1 FROM r1 d WHERE d.id = e.trustee_id)
    AND NOT EXISTS (SELECT 1 FROM hidden h WHERE h.id = e.trustee_id)`;

/**
 * Ring 2 with MoleTrust's weighted average of its predecessors' trust, and whether the value may be shown
 * (`shownThrough`). A member not shown still counts for the distances and passes trust on to ring 3: the rule
 * hides a value, it does not change the graph.
 */
export const RING2 = `r2 AS (
  SELECT e.trustee_id AS id, sum(r1.t * (e.level::float8 / 5)) / sum(r1.t) AS t,
         ${shownThrough('r1.closed')} AS shown
  FROM ${RING2_EDGES}
  GROUP BY e.trustee_id
)`;

/** Whether `column` lies beyond ring 2: neither the viewer, nor in ring 1 or 2, nor hidden. */
export const beyondRing2 = (column: string) => `${column} <> $1
    AND NOT EXISTS (SELECT 1 FROM r1 d WHERE d.id = ${column})
    AND NOT EXISTS (SELECT 1 FROM r2 d WHERE d.id = ${column})
    AND NOT EXISTS (SELECT 1 FROM hidden h WHERE h.id = ${column})`;
