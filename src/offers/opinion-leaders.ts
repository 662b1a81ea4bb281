/**
 * Opinion leaders of a category, ranked for one viewer; pure functions, unit-tested without a database.
 *
 * People the viewer's trust network trusts come first (score 1 to 2): by the viewer's propagated trust in them,
 * by how many people the viewer reaches trust them, and by how helpful their reviews in the category were.
 * Everyone else follows (score 0 to 1), by how many trust them and by helpful votes, as for anonymous viewers.
 */

/** What is known of one reviewer of the category, for one viewer. */
export interface LeaderSignals {
  userId: string;
  name: string;
  /** Their reviews of products in the category. */
  reviewCount: number;
  /** Helpful votes on those reviews. */
  helpfulVotes: number;
  /** Everyone who trusts them (public, as User.trusterCount). */
  trusterCount: number;
  /** The viewer's propagated trust in them, null when out of reach (or no viewer). */
  trust: number | null;
  /** Whether the viewer trusts them directly. */
  direct: boolean;
  /** People the viewer reaches who trust them. */
  reachedTrusters: number;
}

export interface RankedLeader {
  userId: string;
  score: number;
  reviewCount: number;
  reason: string;
}

/** x / (x + k): 0 for nothing, towards 1 for much; k is where it reaches one half. */
const saturating = (x: number, k: number) => x / (x + k);

export function inNetwork(s: LeaderSignals): boolean {
  return s.trust !== null || s.reachedTrusters > 0;
}

export function leaderScore(s: LeaderSignals): number {
  if (inNetwork(s)) {
    return (
      1 +
      0.8 * (s.trust ?? 0) +
      0.15 * saturating(s.reachedTrusters, 1) +
      0.05 * saturating(s.helpfulVotes, 1)
    );
  }
  return 0.7 * saturating(s.trusterCount, 5) + 0.3 * saturating(s.helpfulVotes, 5);
}

export function leaderReason(s: LeaderSignals, category: string): string {
  const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
  const reviews = `${s.reviewCount === 1 ? '1 review' : `${s.reviewCount} reviews`} in ${category}`;
  const helpful = s.helpfulVotes
    ? `, found helpful ${s.helpfulVotes === 1 ? 'once' : `${s.helpfulVotes} times`}`
    : '';
  const written = `${reviews}${helpful}`;
  if (s.direct) {
    const also = s.reachedTrusters ? `, as do ${people(s.reachedTrusters)} you reach` : '';
    return `You trust ${s.name}${also}; ${written}.`;
  }
  if (s.trust !== null) {
    const by = s.reachedTrusters ? ` (by ${people(s.reachedTrusters)} you reach)` : '';
    return `${s.name} is trusted through your network${by}; ${written}.`;
  }
  if (s.reachedTrusters) return `Trusted by ${people(s.reachedTrusters)} you reach; ${written}.`;
  return `Trusted by ${people(s.trusterCount)}; ${written}.`;
}

/** The first `limit` leaders, best first; ties go to more reviews, then to the id, so the order is stable. */
export function rankLeaders(
  signals: readonly LeaderSignals[],
  category: string,
  limit: number,
): RankedLeader[] {
  return signals
    .map((s) => ({ s, score: leaderScore(s) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.s.reviewCount - a.s.reviewCount ||
        (a.s.userId < b.s.userId ? -1 : a.s.userId > b.s.userId ? 1 : 0),
    )
    .slice(0, limit)
    .map(({ s, score }) => ({
      userId: s.userId,
      score: Math.round(score * 1e6) / 1e6,
      reviewCount: s.reviewCount,
      reason: leaderReason(s, category),
    }));
}
