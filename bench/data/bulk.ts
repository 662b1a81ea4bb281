import { SingleBar } from 'cli-progress';
import type { Client } from 'pg';

/** A seeded PRNG (mulberry32): the same village every time. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic UUIDs by kind and index, so that the bench knows ids without asking the database. */
export function uuidOf(kind: number, i: number): string {
  return `00000000-0000-4000-${(0x8000 + kind).toString(16)}-${i.toString(16).padStart(12, '0')}`;
}

export const KIND = { user: 0, merchant: 1, product: 2, order: 3, review: 4, pool: 5 } as const;

/** A column of a bulk insert: its name, its PostgreSQL array type, and its value for row i. */
export interface BulkColumn<R> {
  name: string;
  type: string;
  value: (row: R) => unknown;
  /** A cast applied after unnest (e.g. `text[]` from an array literal, which unnest cannot nest). */
  cast?: string;
}

/**
 * Multi-row INSERT … SELECT FROM unnest($1::t[], $2::t[], …): one statement per batch, close to COPY's speed,
 * with no extra dependency. Rows come from a generator so that no table is held in memory whole.
 */
export async function bulkInsert<R>(
  db: Client,
  table: string,
  columns: BulkColumn<R>[],
  rows: Iterable<R>,
  total: number,
  options: { batch?: number; conflict?: string } = {},
): Promise<number> {
  const batchSize = options.batch ?? 10_000;
  const bar = progressBar(table, total);
  const sql =
    `INSERT INTO ${table} (${columns.map((c) => `"${c.name}"`).join(', ')}) ` +
    `SELECT ${columns.map((c) => (c.cast ? `"${c.name}"::${c.cast}` : `"${c.name}"`)).join(', ')} ` +
    `FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')}) ` +
    `AS t(${columns.map((c) => `"${c.name}"`).join(', ')})` +
    (options.conflict ? ` ${options.conflict}` : '');
  let batch: R[] = [];
  let written = 0;
  const flush = async () => {
    if (!batch.length) return;
    await db.query(
      sql,
      columns.map((c) => batch.map(c.value)),
    );
    written += batch.length;
    bar.update(written);
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  bar.stop();
  return written;
}

export function progressBar(label: string, total: number): SingleBar {
  const bar = new SingleBar({
    format: `  ${label.padEnd(16)} [{bar}] {percentage}% {value}/{total} rows, {duration}s`,
    barCompleteChar: '#',
    barIncompleteChar: '.',
    noTTYOutput: true,
    notTTYSchedule: 5000,
    hideCursor: true,
  });
  bar.start(total, 0);
  return bar;
}

/** Cumulative weights for sampling an index in proportion to its weight. */
export function sampler(weights: Float64Array, rand: () => number): () => number {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cumulative[i] = sum += w));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Activity per user: log-normal, so a few are very active and many are quiet, as in real networks. */
export function activity(n: number, rand: () => number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const gauss = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    w[i] = Math.exp(1.1 * gauss);
  }
  return w;
}
