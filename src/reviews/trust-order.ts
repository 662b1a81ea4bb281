import {
  type ConnectionResult,
  type PageArgs,
  decodeCursor,
  encodeCursor,
  pageWindow,
} from '../core/relay/connection';
import { keysetPageInfo } from '../core/relay/keyset';
import { InvalidInputError } from '../core/errors/domain-errors';

/** What MOST_TRUSTED sorts a review by: the viewer's trust in its author, then helpful votes, then newest. */
export interface TrustSortable {
  id: string;
  trust: number | null;
  helpfulCount: number;
  createdAt: Date;
}

type SortKey = [number, number, string, string];

function keyOf(item: TrustSortable): SortKey {
  return [item.trust ?? 0, item.helpfulCount, item.createdAt.toISOString(), item.id];
}

/** Negative when `a` comes first: every part of the key descending. */
function compare(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] > b[i] ? -1 : 1;
  }
  return 0;
}

/**
 * Orders by the viewer's trust and pages the result with the same cursor semantics as the database keyset
 * (a page starts strictly after the cursor's key). The trust of each author is known only to this operation,
 * so the list is sorted here rather than in SQL; callers pass the light rows of every review of one product.
 */
export function pageByTrust<T extends TrustSortable>(
  items: readonly T[],
  args: PageArgs,
): ConnectionResult<T> {
  const { limit, backward } = pageWindow(args);
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const cursor = backward ? args.before : args.after;
  let candidates = sorted;
  if (cursor) {
    const key = decodeCursor(cursor) as SortKey;
    if (key.length !== 4) throw new InvalidInputError('The cursor does not belong to this list.');
    candidates = sorted.filter((item) =>
      backward ? compare(keyOf(item), key) < 0 : compare(keyOf(item), key) > 0,
    );
  }
  const page = backward
    ? candidates.slice(Math.max(0, candidates.length - limit))
    : candidates.slice(0, limit);
  const hasMore = candidates.length > limit;
  const edges = page.map((node) => ({ node, cursor: encodeCursor(keyOf(node)) }));
  return {
    edges,
    pageInfo: keysetPageInfo(args, backward, hasMore, edges),
    totalCount: async () => items.length,
  };
}
