import { InvalidInputError } from '../core/errors/domain-errors';

export const DEFAULT_RECOMMENDATIONS = 10;
export const MAX_RECOMMENDATIONS = 50;

export const RECOMMENDATIONS_FIRST = `How many recommendations, 0–${MAX_RECOMMENDATIONS}; ${DEFAULT_RECOMMENDATIONS} by default.`;

/** The `first` argument of recommendation lists, checked. */
export function recommendationCount(first: number | null | undefined): number {
  const n = first ?? DEFAULT_RECOMMENDATIONS;
  if (n < 0 || n > MAX_RECOMMENDATIONS) {
    throw new InvalidInputError(`\`first\` must be between 0 and ${MAX_RECOMMENDATIONS}.`);
  }
  return n;
}
