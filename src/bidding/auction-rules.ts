import { exponentOf, formatMinor } from '../core/money';

/** Where a merchant stands on a request when it bids: the current best price and its own latest bid. */
export interface BidStanding {
  bestMinor: number | null;
  ownLastMinor: number | null;
  currency: string;
}

/**
 * Why a bid of `priceMinor` is refused, as a sentence, or null when it may be stored. Every bid, a merchant's
 * improvement of its own included, must beat the current best by at least `decrementMinor`; a merchant never
 * raises its bid (said first, since a raise can never beat the best either).
 */
export function bidRefusal(priceMinor: number, standing: BidStanding, decrementMinor: number): string | null {
  const money = (minor: number) => `${formatMinor(minor, standing.currency)} ${standing.currency}`;
  if (standing.ownLastMinor !== null && priceMinor > standing.ownLastMinor) {
    return `Your merchant already bid ${money(standing.ownLastMinor)}; a bid can only go down.`;
  }
  if (standing.bestMinor !== null && priceMinor > standing.bestMinor - decrementMinor) {
    return `The best bid is ${money(standing.bestMinor)}; bid at most ${money(standing.bestMinor - decrementMinor)}.`;
  }
  return null;
}

/**
 * MIN_BID_DECREMENT (a decimal string such as "0.01") in minor units of `currency`; at least one minor unit,
 * so that a new bid always beats the best.
 */
export function decrementInMinor(decimal: string, currency: string): number {
  const exp = exponentOf(currency);
  const [whole, fraction = ''] = decimal.split('.');
  const scaled = Number(whole) * 10 ** exp + Number(fraction.padEnd(exp, '0').slice(0, exp) || 0);
  return Math.max(1, scaled);
}

/**
 * Soft close: a bid at `bidAt` within the last `windowSeconds` before `deadline` moves the deadline to
 * `bidAt + extensionSeconds`, if that is later. Returns the deadline that holds after the bid.
 */
export function extendedDeadline(
  deadline: Date,
  bidAt: Date,
  windowSeconds: number,
  extensionSeconds: number,
): Date {
  const remaining = deadline.getTime() - bidAt.getTime();
  if (remaining > windowSeconds * 1000) return deadline;
  const extended = bidAt.getTime() + extensionSeconds * 1000;
  return extended > deadline.getTime() ? new Date(extended) : deadline;
}

/** Whether the best bid wins on its own at the deadline: it exists and is at or under the maximum, if any. */
export function winsAtDeadline(bestMinor: number | null, maxUnitPriceMinor: number | null): boolean {
  return bestMinor !== null && (maxUnitPriceMinor === null || bestMinor <= maxUnitPriceMinor);
}
