import type { TrustChanged } from './trust.events';

/** At most this many intermediaries are named per recommendation. */
export const MAX_VIA = 3;

/**
 * The score of a recommended user u, two hops from the viewer v: each of the viewer's trustees p who trusts u
 * vouches with the strength of the path, s(p) = w(v, p) · w(p, u), weights being level / 5; the vouches
 * combine as a noisy-or,
 *
 *   score(u) = 1 − Π_p (1 − s(p)),
 *
 * so that it lies in (0, 1], grows with every further common contact and with each one's strength, and is 1
 * when a fully trusted person fully trusts u. PostgreSQL computes the same with `float8_product`.
 */
export function recommendationScore(strengths: readonly number[]): number {
  return 1 - strengths.reduce((rest, s) => rest * (1 - s), 1);
}

/** "Trusted by Anna Huber and 2 others you trust." Names only people whose trust lists the viewer may see. */
export function recommendationReason(names: readonly string[], mutualCount: number): string {
  const others = mutualCount - names.length;
  if (names.length === 0) {
    return mutualCount === 1
      ? 'Trusted by someone you trust.'
      : `Trusted by ${mutualCount} people you trust.`;
  }
  if (others > 0) {
    return `Trusted by ${names.join(', ')} and ${others} ${others === 1 ? 'other' : 'others'} you trust.`;
  }
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `Trusted by ${listed}, whom you trust.`;
}

/**
 * Whether a change can alter the viewer's recommendations: the viewer's own edges (whom they trust, and who
 * trusts them, which opens trust lists to them), and edges leaving anyone the viewer trusts (whom they lead to).
 */
export function affectsRecommendations(
  event: TrustChanged,
  viewerId: string,
  trustees: ReadonlySet<string>,
): boolean {
  return event.pairs.some(
    ({ truster, trustee }) => truster === viewerId || trustee === viewerId || trustees.has(truster),
  );
}
