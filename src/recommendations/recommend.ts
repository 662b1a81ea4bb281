/**
 * Personal product recommendations as a pure function: from signals about candidate products (what people the
 * viewer trusts rated, what the viewer buys again and again, which group buys friends joined, which merchants are
 * local) to a ranked list, each product with the reasons a person can read. Products with a tag the viewer avoids
 * are never returned, whatever speaks for them.
 */

export type Signal =
  /** Someone the viewer trusts (directly, or through people they trust) reviewed the product. */
  | {
      kind: 'trustedReview';
      productId: string;
      person: string;
      trust: number;
      direct: boolean;
      rating: number;
    }
  /** The viewer bought the product before, `times` times in all. */
  | { kind: 'purchase'; productId: string; times: number }
  /** Someone the viewer trusts joined a group buy of the product. */
  | { kind: 'friendInPool'; productId: string; person: string; trust: number; direct: boolean }
  /** The product's merchant is in the viewer's region. */
  | { kind: 'localMerchant'; productId: string; merchant: string; region: string };

export interface CandidateProduct {
  id: string;
  category: string;
  tags: readonly string[];
}

export interface RankInput {
  products: readonly CandidateProduct[];
  signals: readonly Signal[];
  /** Tags never to show (lower case). */
  avoidTags: readonly string[];
  /** Tags and categories of interest (lower case). */
  interests: readonly string[];
  limit: number;
}

export interface RankedProduct {
  productId: string;
  score: number;
  /** Strongest first. */
  reasons: string[];
  /** Bought at least USUAL_AFTER times: "the usual", worth a reorder. */
  usual: boolean;
}

/** How many purchases make a product "the usual". */
export const USUAL_AFTER = 2;

interface Contribution {
  score: number;
  reason: string | null;
}

export function rankProducts({ products, signals, avoidTags, interests, limit }: RankInput): RankedProduct[] {
  const avoided = new Set(avoidTags.map((t) => t.toLowerCase()));
  const interesting = new Set(interests.map((t) => t.toLowerCase()));
  const bySignal = groupBy(signals, (s) => s.productId);
  const ranked: RankedProduct[] = [];
  for (const product of products) {
    const tags = product.tags.map((t) => t.toLowerCase());
    if (tags.some((t) => avoided.has(t))) continue;
    const own = bySignal.get(product.id) ?? [];
    if (own.length === 0) continue;
    const contributions = own.map(contribution);
    const interest = [product.category.toLowerCase(), ...tags].find((t) => interesting.has(t));
    if (interest) contributions.push({ score: 0.5, reason: `Matches your interest in ${interest}` });
    const score = contributions.reduce((sum, c) => sum + c.score, 0);
    if (score <= 0) continue;
    const reasons = contributions
      .filter((c) => c.reason && c.score > 0)
      .sort((a, b) => b.score - a.score)
      .map((c) => c.reason!);
    const usual = own.some((s) => s.kind === 'purchase' && s.times >= USUAL_AFTER);
    ranked.push({ productId: product.id, score: round(score), reasons: [...new Set(reasons)], usual });
  }
  ranked.sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId));
  return ranked.slice(0, Math.max(0, limit));
}

/** What one signal adds to a product's score, and the sentence that explains it. */
function contribution(signal: Signal): Contribution {
  switch (signal.kind) {
    case 'trustedReview': {
      // A rating of 3 is neutral; 5 from someone fully trusted adds 2, 1 takes 2 away.
      const score = signal.trust * (signal.rating - 3);
      return { score, reason: score > 0 ? `${who(signal)}, rated it ${signal.rating}` : null };
    }
    case 'purchase':
      return signal.times >= USUAL_AFTER
        ? {
            score: 1.5 + 0.1 * Math.min(signal.times, 10),
            reason: `You have bought it ${signal.times} times: the usual. Order it again?`,
          }
        : { score: 0.75, reason: 'You bought it before' };
    case 'friendInPool':
      return { score: 1.5 * signal.trust, reason: `${who(signal)}, joined a group buy for it` };
    case 'localMerchant':
      return {
        score: 0.5,
        reason: `From ${signal.merchant}, a merchant in ${signal.region}, where you live`,
      };
  }
}

function who({ person, direct }: { person: string; direct: boolean }): string {
  return direct ? `${person}, whom you trust` : `${person}, trusted by people you trust`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
