import type { Client } from 'pg';
import { columnsOf } from '../lib/database';
import { ITEM_SHRINK } from '../../src/reviews/trusted-rating';
import { activity, bulkInsert, random, sampler } from './bulk';
import { emptied, productId, type Step, userId } from './village-common';

/**
 * Reviews: how many a product gets follows a Zipf-like law (a few products have hundreds), authors by activity,
 * one per author and product; rating = product quality + author bias + noise, rounded into 1..5.
 */
export const reviews: Step = async (db, size) => {
  const columns = await columnsOf(db, 'reviews');
  if (!columns) return { table: 'reviews', rows: 0, note: 'pending: no reviews table yet (catalog slice)' };
  await emptied(db, 'reviews');
  const rand = random(11);
  const productWeights = Float64Array.from({ length: size.products }, (_, i) => 1 / (i + 10) ** 0.8);
  const pickProduct = sampler(productWeights, rand);
  const pickAuthor = sampler(activity(size.users, rand), rand);
  const quality = Float64Array.from({ length: size.products }, () => 3.6 + (rand() - 0.5) * 2);
  const bias = Float64Array.from({ length: size.users }, () => (rand() - 0.5) * 1.2);
  const seen = new Set<number>();
  const now = Date.now();
  const rows = function* () {
    while (seen.size < size.reviews) {
      const p = pickProduct();
      const a = pickAuthor();
      if (seen.has(p * size.users + a)) continue;
      seen.add(p * size.users + a);
      const rating = Math.min(5, Math.max(1, Math.round(quality[p] + bias[a] + (rand() - 0.5) * 1.5)));
      yield { p, a, rating, at: new Date(now - rand() * 365 * 86_400_000) };
    }
  };
  const wanted = [
    { name: 'product_id', type: 'uuid', value: (r: any) => productId(r.p) },
    { name: 'author_id', type: 'uuid', value: (r: any) => userId(r.a) },
    { name: 'rating', type: 'int2', value: (r: any) => r.rating },
    { name: 'title', type: 'text', value: (r: any) => `${r.rating} stars from v${r.a}` },
    { name: 'body', type: 'text', value: () => 'Fresh, honest, and the farmer knows what he is doing.' },
    { name: 'helpful_count', type: 'int4', value: (r: any) => (r.p + r.a) % 7 },
    { name: 'created_at', type: 'timestamptz', value: (r: any) => r.at.toISOString() },
  ].filter((c) => columns.has(c.name));
  const n = await bulkInsert(db, 'reviews', wanted, rows(), size.reviews);
  const rebuilt = await rebuildRatingAggregates(db);
  return {
    table: 'reviews',
    rows: n,
    note: `Zipf-like reviews per product; ${rebuilt ? 'rating aggregates rebuilt' : 'no rating aggregates to rebuild'}`,
  };
};

/**
 * The catalog keeps rating sums in step with every review, inside the review's transaction: per product
 * (count, sum, histogram), in total (for the global mean), per author (count and the sum of residuals
 * r − mu − b_i). A bulk load bypasses that, so they are computed here in a few set-based statements, as they
 * would stand had the reviews been written one by one against the final mean. Skipped when those columns are
 * not there.
 */
async function rebuildRatingAggregates(db: Client): Promise<boolean> {
  const products = await columnsOf(db, 'products');
  const reviewColumns = await columnsOf(db, 'reviews');
  const ready =
    ['rating_count', 'rating_sum', 'rating_histogram'].every((c) => products?.has(c)) &&
    reviewColumns?.has('residual') &&
    (await columnsOf(db, 'rating_totals')) &&
    (await columnsOf(db, 'reviewer_stats'));
  if (!ready) return false;
  await db.query(`UPDATE products SET rating_count = 0, rating_sum = 0, rating_histogram = '{0,0,0,0,0}'`);
  await db.query(`
    UPDATE products SET rating_count = p.c, rating_sum = p.s, rating_histogram = p.h
      FROM (SELECT product_id, count(*) AS c, sum(rating) AS s,
                   ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
                         count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
                         count(*) FILTER (WHERE rating = 5)]::int[] AS h
              FROM reviews GROUP BY product_id) p
     WHERE products.id = p.product_id`);
  await db.query(`
    INSERT INTO rating_totals (id, review_count, rating_sum)
    SELECT 1, count(*), coalesce(sum(rating), 0) FROM reviews
    ON CONFLICT (id) DO UPDATE SET review_count = excluded.review_count, rating_sum = excluded.rating_sum`);
  await db.query(
    `UPDATE reviews r SET residual = r.rating - t.mu - (p.rating_sum - t.mu * p.rating_count) / ($1 + p.rating_count)
       FROM products p, (SELECT rating_sum::float8 / nullif(review_count, 0) AS mu FROM rating_totals WHERE id = 1) t
      WHERE p.id = r.product_id`,
    [ITEM_SHRINK],
  );
  await db.query(`TRUNCATE reviewer_stats`);
  await db.query(`
    INSERT INTO reviewer_stats (user_id, review_count, residual_sum)
    SELECT author_id, count(*), sum(residual) FROM reviews WHERE author_id IS NOT NULL GROUP BY author_id`);
  return true;
}
