import type { Database } from '../core/db/database';
import { InvalidInputError } from '../core/errors/domain-errors';
import {
  type ConnectionResult,
  type PageArgs,
  decodeCursor,
  encodeCursor,
  pageWindow,
} from '../core/relay/connection';
import { keysetPageInfo, trimPage } from '../core/relay/keyset';
import { Bid } from './bid.entity';

/** Which bids of a request a page holds: all of them (the buyer), or only those of the viewer's merchants. */
export interface BidScopeKey {
  requestId: string;
  all: boolean;
}

/** A page without its count, which the count loader batches on its own. */
export type BidPage = Omit<ConnectionResult<Bid>, 'totalCount'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One keyset page of bids for each key, best (lowest) price first, in a single statement for all keys: a window
 * function numbers each request's bids after the cursor, and the first `limit + 1` of each are kept.
 */
export async function pageBids(
  db: Database,
  keys: readonly BidScopeKey[],
  merchantIds: string[],
  args: PageArgs,
): Promise<Array<BidPage>> {
  const { limit, backward } = pageWindow(args);
  const cursor = backward ? args.before : args.after;
  const key = cursor ? cursorKey(cursor) : null;
  const direction = backward ? 'DESC' : 'ASC';
  const params: unknown[] = [...scopeParams(keys, merchantIds), limit + 1];
  let after = '';
  if (key) {
    params.push(key[0], key[1]);
    after = `AND (b.unit_price_minor, b.id) ${backward ? '<' : '>'} ($5::int, $6::uuid)`;
  }
  const rows =
    limit === 0
      ? []
      : await db.query<Record<string, unknown>>(
          `SELECT * FROM (
             SELECT b.*, row_number() OVER (
               PARTITION BY b.request_id ORDER BY b.unit_price_minor ${direction}, b.id ${direction}) AS position
             FROM bids b WHERE ${SCOPE} ${after}
           ) page WHERE position <= $4 ORDER BY request_id, position`,
          params,
        );
  const byRequest = new Map<string, Bid[]>();
  for (const row of rows) {
    const bid = bidFromRow(row);
    byRequest.set(bid.requestId, [...(byRequest.get(bid.requestId) ?? []), bid]);
  }
  return keys.map((k) => {
    const { page, hasMore } = trimPage(byRequest.get(k.requestId) ?? [], limit, backward);
    const edges = page.map((node) => ({ node, cursor: encodeCursor([node.unitPriceMinor, node.id]) }));
    return { edges, pageInfo: keysetPageInfo(args, backward, hasMore, edges) };
  });
}

/** How many bids each key's scope holds, in one statement. */
export async function countBids(
  db: Database,
  keys: readonly BidScopeKey[],
  merchantIds: string[],
): Promise<number[]> {
  const rows = await db.query<{ request_id: string; count: number }>(
    `SELECT b.request_id, count(*)::int AS count FROM bids b WHERE ${SCOPE} GROUP BY b.request_id`,
    scopeParams(keys, merchantIds),
  );
  const counts = new Map(rows.map((r) => [r.request_id, r.count]));
  return keys.map((k) => counts.get(k.requestId) ?? 0);
}

const SCOPE = `(b.request_id = ANY($1::uuid[]) OR (b.request_id = ANY($2::uuid[]) AND b.merchant_id = ANY($3::uuid[])))`;

function scopeParams(keys: readonly BidScopeKey[], merchantIds: string[]): unknown[] {
  const all = keys.filter((k) => k.all).map((k) => k.requestId);
  const own = keys.filter((k) => !k.all).map((k) => k.requestId);
  return [all, own, merchantIds];
}

function cursorKey(cursor: string): [number, string] {
  const [price, id] = decodeCursor(cursor);
  if (!Number.isInteger(price) || typeof id !== 'string' || !UUID.test(id)) {
    throw new InvalidInputError('The cursor does not belong to this list.');
  }
  return [price as number, id];
}

/** A bid from a raw `bids` row. */
export function bidFromRow(row: Record<string, unknown>): Bid {
  return Object.assign(new Bid(), {
    id: row.id,
    requestId: row.request_id,
    merchantId: row.merchant_id,
    bidderId: row.bidder_id,
    unitPriceMinor: row.unit_price_minor,
    currency: row.currency,
    note: row.note,
    createdAt: row.created_at,
  });
}
