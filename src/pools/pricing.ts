/**
 * Group-buy pricing as pure functions. Tiers are kept in ascending `minQuantity` with strictly falling prices,
 * all below the list price; the first tier's `minQuantity` is the tipping point.
 */
export interface TierRow {
  minQuantity: number;
  unitPriceMinor: number;
}

/** The highest tier reached at `committed`; null below the tipping point. */
export function tierReached(tiers: readonly TierRow[], committed: number): TierRow | null {
  let reached: TierRow | null = null;
  for (const tier of tiers) if (tier.minQuantity <= committed) reached = tier;
  return reached;
}

/** The unit price at `committed`: the lowest tier price reached, the list price below the tipping point. */
export function unitPriceAt(listPriceMinor: number, tiers: readonly TierRow[], committed: number): number {
  return tierReached(tiers, committed)?.unitPriceMinor ?? listPriceMinor;
}

/** The next tier still to reach; null once the last one is reached. */
export function nextTierAfter(tiers: readonly TierRow[], committed: number): TierRow | null {
  return tiers.find((tier) => tier.minQuantity > committed) ?? null;
}

export interface TierProblem {
  /** Path inside the input, e.g. ['tiers', '1', 'unitPrice']. */
  field: string[];
  code: 'INVALID' | 'OUT_OF_RANGE' | 'TOO_SHORT' | 'TOO_LONG';
  message: string;
}

export const MAX_TIERS = 10;

/**
 * What is wrong with a pool's tiers and capacity, if anything: between 1 and MAX_TIERS tiers, ascending
 * quantities, strictly falling prices below the list price, a capacity of at least the last tier's quantity.
 */
export function tierProblems(
  tiers: readonly TierRow[],
  listPriceMinor: number,
  capacity: number,
): TierProblem[] {
  if (tiers.length === 0)
    return [{ field: ['tiers'], code: 'TOO_SHORT', message: 'Give at least one price tier.' }];
  if (tiers.length > MAX_TIERS) {
    return [{ field: ['tiers'], code: 'TOO_LONG', message: `Give at most ${MAX_TIERS} price tiers.` }];
  }
  const problems: TierProblem[] = [];
  tiers.forEach((tier, i) => {
    const previous = tiers[i - 1];
    const at = (name: string) => ['tiers', String(i), name];
    if (!Number.isInteger(tier.minQuantity) || tier.minQuantity < 1) {
      problems.push({
        field: at('minQuantity'),
        code: 'OUT_OF_RANGE',
        message: 'A tier starts at 1 unit or more.',
      });
    } else if (previous && tier.minQuantity <= previous.minQuantity) {
      problems.push({
        field: at('minQuantity'),
        code: 'INVALID',
        message: 'Each tier must start at a higher quantity than the one before.',
      });
    } else if (tier.minQuantity > capacity) {
      problems.push(
        i === 0
          ? {
              field: ['capacity'],
              code: 'OUT_OF_RANGE',
              message: `The capacity must be at least the tipping point, ${tier.minQuantity}.`,
            }
          : {
              field: at('minQuantity'),
              code: 'OUT_OF_RANGE',
              message: `This tier can never be reached: the capacity is ${capacity}.`,
            },
      );
    }
    const ceiling = previous ? previous.unitPriceMinor : listPriceMinor;
    if (tier.unitPriceMinor >= ceiling) {
      problems.push({
        field: at('unitPrice'),
        code: 'OUT_OF_RANGE',
        message: previous
          ? 'Each tier’s price must be lower than the one before.'
          : 'The first tier’s price must be lower than the list price.',
      });
    }
  });
  return problems;
}
