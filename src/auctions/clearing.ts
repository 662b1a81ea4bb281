/**
 * The call auction's clearing rule as pure functions (DESIGN.md section 6). With D(p) the bids' quantity at a
 * highest unit price ≥ p and S(p) the supply steps' quantity at a lowest unit price ≤ p, the clearing price is,
 * among the bids' and the steps' prices, the one with the most units matched, min(D, S); ties go to the smallest
 * |D − S|, then to the lowest price. Nothing matched is no trade. Prices are integer minor units.
 */

/** A supply step: `quantity` units offered at `minUnitPriceMinor` or more. */
export interface SupplyStepRow {
  quantity: number;
  minUnitPriceMinor: number;
}

/** Demand at one price level: `quantity` units wanted at up to `maxUnitPriceMinor`. */
export interface DemandLevel {
  quantity: number;
  maxUnitPriceMinor: number;
}

/** A limit bid as the allocation reads it; `placedAt` and then `id` order bids of equal limits. */
export interface ClearingBid extends DemandLevel {
  id: string;
  placedAt: Date;
}

/** Where a call would clear: the uniform price and the units matched at it. */
export interface ClearingPoint {
  priceMinor: number;
  quantity: number;
  /** D(p) − S(p) at the price: positive when demand is left over, negative when supply is. */
  imbalance: number;
}

/** A bid's share of a clearing: `filled` of its units (0 for a bid that does not get any). */
export interface Fill {
  bidId: string;
  filled: number;
}

export interface Clearing {
  /** Null when nothing crosses (no trade). */
  point: ClearingPoint | null;
  /** One entry per bid, in fill order (higher limit, then earlier); 0 units for those that get none. */
  fills: Fill[];
}

/**
 * The clearing point of `demand` against `supply`, or null when no price matches a unit. Demand may be given per
 * bid or already summed per price level; the answer is the same. O((n + m) log(n + m)).
 */
export function clearingPoint(
  demand: readonly DemandLevel[],
  supply: readonly SupplyStepRow[],
): ClearingPoint | null {
  const prices = [
    ...new Set([...demand.map((d) => d.maxUnitPriceMinor), ...supply.map((s) => s.minUnitPriceMinor)]),
  ].sort((a, b) => a - b);
  if (prices.length === 0) return null;
  // D(p) by a sweep from the top (bids at or above p), S(p) by a sweep from the bottom (steps at or below p).
  const demandAt = new Map<number, number>();
  for (const d of demand)
    demandAt.set(d.maxUnitPriceMinor, (demandAt.get(d.maxUnitPriceMinor) ?? 0) + d.quantity);
  const supplyAt = new Map<number, number>();
  for (const s of supply)
    supplyAt.set(s.minUnitPriceMinor, (supplyAt.get(s.minUnitPriceMinor) ?? 0) + s.quantity);
  const D = new Array<number>(prices.length);
  let running = 0;
  for (let i = prices.length - 1; i >= 0; i--) {
    running += demandAt.get(prices[i]) ?? 0;
    D[i] = running;
  }
  let best: ClearingPoint | null = null;
  running = 0;
  for (let i = 0; i < prices.length; i++) {
    running += supplyAt.get(prices[i]) ?? 0;
    const matched = Math.min(D[i], running);
    if (matched <= 0) continue;
    const imbalance = D[i] - running;
    // Ascending prices: a later price wins only with strictly more units or a strictly smaller imbalance.
    if (
      !best ||
      matched > best.quantity ||
      (matched === best.quantity && Math.abs(imbalance) < Math.abs(best.imbalance))
    ) {
      best = { priceMinor: prices[i], quantity: matched, imbalance };
    }
  }
  return best;
}

/** Bids in fill order: higher limit first, then earlier, then by id (so the order is total). */
export function fillOrder<T extends ClearingBid>(bids: readonly T[]): T[] {
  return [...bids].sort(
    (a, b) =>
      b.maxUnitPriceMinor - a.maxUnitPriceMinor ||
      a.placedAt.getTime() - b.placedAt.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * The whole call: the clearing point, and the units each bid gets. Bids at or above the price fill in fill order
 * until the matched quantity is used up; only the last bid filled may get fewer units than it asked for.
 */
export function clear(bids: readonly ClearingBid[], supply: readonly SupplyStepRow[]): Clearing {
  const point = clearingPoint(bids, supply);
  let left = point?.quantity ?? 0;
  const fills = fillOrder(bids).map((bid) => {
    const filled = point && bid.maxUnitPriceMinor >= point.priceMinor ? Math.min(bid.quantity, left) : 0;
    left -= filled;
    return { bidId: bid.id, filled };
  });
  return { point, fills };
}
