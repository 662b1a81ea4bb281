/**
 * MoleTrust (Massa & Avesani, 2005) with a horizon of 3 hops, as a pure function.
 *
 * Users are ranked by their shortest distance d from the source (1, 2 or 3). Edge weight w(p, u) = level / 5.
 * - distance 1: t(u) = w(source, u)
 * - distance d > 1: t(u) = Σ t(p)·w(p, u) / Σ t(p), over the predecessors p of u at distance d − 1
 *   (only those whose own trust reached at least `threshold`).
 * Trust never flows back to a closer ring, so each user's value depends only on the ring before it, and the
 * result is a weighted average in (0, 1]. Users excluded by the caller (blocks) neither receive nor pass trust.
 *
 * The API computes the same in PostgreSQL (rings.sql.ts, trust-in.sql.ts); this function is the reference that
 * the tests compare it with, on hand-computed graphs and on real networks.
 */
export interface TrustEdgeRow {
  from: string;
  to: string;
  level: number;
}

export const HORIZON = 3;
export const DEFAULT_THRESHOLD = 0;

/**
 * Computes the next ring: given the trust of every user in the current ring and the edges leaving it, the
 * trust of users not seen before. `seen` holds every user already placed (the source included).
 */
export function nextRing(
  ring: ReadonlyMap<string, number>,
  edges: readonly TrustEdgeRow[],
  seen: ReadonlySet<string>,
  threshold = DEFAULT_THRESHOLD,
): Map<string, number> {
  const sums = new Map<string, { weighted: number; total: number }>();
  for (const { from, to, level } of edges) {
    const t = ring.get(from);
    if (t === undefined || t < threshold || seen.has(to)) continue;
    const acc = sums.get(to) ?? { weighted: 0, total: 0 };
    acc.weighted += t * (level / 5);
    acc.total += t;
    sums.set(to, acc);
  }
  const next = new Map<string, number>();
  for (const [user, { weighted, total }] of sums) if (total > 0) next.set(user, weighted / total);
  return next;
}

/** Propagated trust of `source` in everyone within the horizon, from a full edge list (for tests and small graphs). */
export function moleTrust(
  source: string,
  edges: readonly TrustEdgeRow[],
  excluded: ReadonlySet<string> = new Set(),
): Map<string, number> {
  const usable = edges.filter((e) => !excluded.has(e.from) && !excluded.has(e.to));
  const result = new Map<string, number>();
  const seen = new Set([source, ...excluded]);
  let ring = new Map([[source, 1]]);
  for (let d = 1; d <= HORIZON && ring.size > 0; d++) {
    ring =
      d === 1
        ? new Map(usable.filter((e) => e.from === source && !seen.has(e.to)).map((e) => [e.to, e.level / 5]))
        : nextRing(ring, usable, seen);
    for (const [user, t] of ring) {
      result.set(user, t);
      seen.add(user);
    }
  }
  return result;
}
