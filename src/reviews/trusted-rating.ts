/**
 * The viewer's personal rating of a product, as a pure function of numbers, so that it can be evaluated
 * offline on the research data in ../shared/data as well as served live.
 *
 * A plain average over trusted reviewers predicts worse than the product's own average (people differ in how
 * strictly they rate, and products differ in quality). So the estimate is anchored on a baseline with
 * regularised biases (Koren's baseline predictor) and trusted reviewers only move it:
 *
 *   baseline(u, i) = mu + b_u + b_i
 *   b_i = Σ (r − mu) / (ITEM_SHRINK + n_i)                 over the product's ratings
 *   b_u = Σ (r − mu − b_i) / (USER_SHRINK + n_u)           over the user's ratings
 *   d_j = r_j − baseline(j, i)                              how much trusted reviewer j deviates from their own baseline
 *   estimate = baseline(viewer, i) + Σ t_j d_j / (TRUST_SHRINK + Σ t_j)
 *
 * with t_j the viewer's propagated trust in j, in (0, 1]. With every t_j = 1 the last term is the "deviations
 * shrunk by sum / (2 + n)" that beat the product's average by 3–10 % on FilmTrust, Epinions and Ciao.
 */
export const ITEM_SHRINK = 5;
export const USER_SHRINK = 5;
export const TRUST_SHRINK = 2;
export const MIN_RATING = 1;
export const MAX_RATING = 5;

/** b_i from the product's rating count and sum. */
export function itemBias(globalMean: number, count: number, sum: number): number {
  return (sum - globalMean * count) / (ITEM_SHRINK + count);
}

/** b_u from the user's rating count and the sum of their residuals r − mu − b_i. */
export function userBias(count: number, residualSum: number): number {
  return residualSum / (USER_SHRINK + count);
}

/** What one of the viewer's trusted reviewers said about the product. */
export interface TrustedReview {
  rating: number;
  /** The reviewer's own bias b_j. */
  raterBias: number;
  /** The viewer's propagated trust in the reviewer, in (0, 1]. */
  trust: number;
}

export interface TrustedRatingInput {
  globalMean: number;
  itemBias: number;
  /** The viewer's own bias b_u; 0 for someone who has not rated anything. */
  viewerBias: number;
  trusted: readonly TrustedReview[];
}

export interface TrustedEstimate {
  /** The estimate, within MIN_RATING..MAX_RATING. */
  value: number;
  /** How many trusted reviewers it rests on. */
  basedOn: number;
  /** Σt / (TRUST_SHRINK + Σt), in [0, 1): how far the trusted reviewers could move the baseline. */
  confidence: number;
}

/** The viewer's estimate; null when none of the viewer's trusted people reviewed the product. */
export function trustedRating(input: TrustedRatingInput): TrustedEstimate | null {
  const trusted = input.trusted.filter((t) => t.trust > 0);
  if (trusted.length === 0) return null;
  const itemBaseline = input.globalMean + input.itemBias;
  let weighted = 0;
  let weights = 0;
  for (const t of trusted) {
    weighted += t.trust * (t.rating - (itemBaseline + t.raterBias));
    weights += t.trust;
  }
  const value = itemBaseline + input.viewerBias + weighted / (TRUST_SHRINK + weights);
  return {
    value: Math.min(MAX_RATING, Math.max(MIN_RATING, value)),
    basedOn: trusted.length,
    confidence: weights / (TRUST_SHRINK + weights),
  };
}

/** The baseline alone (no trusted reviewers), clamped to the rating scale. */
export function baselineRating(globalMean: number, itemBias: number, userBias: number): number {
  return Math.min(MAX_RATING, Math.max(MIN_RATING, globalMean + itemBias + userBias));
}

export interface RatingTriple {
  user: string;
  item: string;
  rating: number;
}

export interface FittedBiases {
  globalMean: number;
  itemBias: Map<string, number>;
  userBias: Map<string, number>;
}

/**
 * Fits mu, b_i and b_u on a list of ratings in one pass each, exactly as the formulas above (for offline
 * evaluation; the live service keeps the same sums incrementally, one review at a time).
 */
export function fitBiases(ratings: readonly RatingTriple[]): FittedBiases {
  const globalMean = ratings.reduce((s, r) => s + r.rating, 0) / Math.max(1, ratings.length);
  const items = new Map<string, { count: number; sum: number }>();
  for (const r of ratings) {
    const acc = items.get(r.item) ?? { count: 0, sum: 0 };
    acc.count++;
    acc.sum += r.rating;
    items.set(r.item, acc);
  }
  const itemBiases = new Map([...items].map(([id, a]) => [id, itemBias(globalMean, a.count, a.sum)]));
  const users = new Map<string, { count: number; sum: number }>();
  for (const r of ratings) {
    const acc = users.get(r.user) ?? { count: 0, sum: 0 };
    acc.count++;
    acc.sum += r.rating - globalMean - itemBiases.get(r.item)!;
    users.set(r.user, acc);
  }
  const userBiases = new Map([...users].map(([id, a]) => [id, userBias(a.count, a.sum)]));
  return { globalMean, itemBias: itemBiases, userBias: userBiases };
}
