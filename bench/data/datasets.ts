import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** A data set that is not where the bench looks for it; its message is the one line the bench prints. */
export class DatasetMissingError extends Error {
  override readonly name = 'DatasetMissingError';
}

/**
 * The folder of one data set: FilmTrust from the repository; the large ones (Epinions, Ciao, SNAP) from
 * BENCH_DATA_DIR, by default `../shared/data` beside the project (a folder per set, as its README lays out).
 */
export function datasetDir(root: string, name: DatasetName | TrustSource): string {
  // Small enough to travel with the repository, as a test fixture (see its README there).
  if (name === 'filmtrust') return join(root, 'test', 'fixtures', 'filmtrust');
  const base = process.env.BENCH_DATA_DIR || join(root, '..', 'shared', 'data');
  const dir = join(base, name);
  if (!existsSync(dir)) {
    throw new DatasetMissingError(
      `The ${name} data set is not in ${dir}: set BENCH_DATA_DIR to the folder that holds it (see the README's Benchmark section).`,
    );
  }
  return dir;
}

/** Whitespace-separated numeric records, gzip or not, CRLF or LF; a line cut short is skipped. */
export async function* records(file: string, minFields: number): AsyncGenerator<number[]> {
  const input = createReadStream(file);
  const lines = createInterface({
    input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input,
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < minFields || fields[0] === '' || fields[0].startsWith('#')) continue;
    const numbers = fields.map(Number);
    if (numbers.slice(0, minFields).some((n) => !Number.isFinite(n))) continue;
    yield numbers;
  }
}

export interface Ratings {
  user: Int32Array;
  item: Int32Array;
  rating: Float64Array;
  /** The rating scale as published (FilmTrust 0.5–4, the others 1–5); never clamped. */
  scale: [number, number];
  dropped: Record<string, number>;
}

export interface TrustEdges {
  from: Int32Array;
  to: Int32Array;
  dropped: Record<string, number>;
}

export type DatasetName = 'filmtrust' | 'epinions' | 'ciao';

/**
 * Ratings of a data set, cleaned as the README asks: Ciao's ratings of 0 dropped and its user–item pairs
 * repeated under another category kept once (the first); FilmTrust kept on its own 0.5–4 scale.
 */
export async function loadRatings(root: string, name: DatasetName): Promise<Ratings> {
  const file = join(datasetDir(root, name), 'ratings.txt.gz');
  const ratingColumn = name === 'filmtrust' ? 2 : 3;
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  const seen = new Set<number>();
  const dropped = { zeroRatings: 0, repeatedPairs: 0 };
  for await (const r of records(file, ratingColumn + 1)) {
    const [user, item] = r;
    const rating = r[ratingColumn];
    if (rating === 0) {
      dropped.zeroRatings++;
      continue;
    }
    const key = user * 1_000_000 + item;
    if (seen.has(key)) {
      dropped.repeatedPairs++;
      continue;
    }
    seen.add(key);
    users.push(user);
    items.push(item);
    values.push(rating);
  }
  return {
    user: Int32Array.from(users),
    item: Int32Array.from(items),
    rating: Float64Array.from(values),
    scale: name === 'filmtrust' ? [0.5, 4] : [1, 5],
    dropped,
  };
}

export type TrustSource = DatasetName | 'soc-epinions1-partial';

/** Directed trust edges, without self-trust and without duplicates (Epinions has 224 and 27 of them). */
export async function loadTrust(root: string, name: TrustSource): Promise<TrustEdges> {
  const dir = datasetDir(root, name);
  const file =
    name === 'filmtrust'
      ? join(dir, 'trust.txt')
      : name === 'soc-epinions1-partial'
        ? join(dir, 'edges.txt.gz')
        : join(dir, 'trust.txt.gz');
  const from: number[] = [];
  const to: number[] = [];
  const seen = new Set<number>();
  const dropped = { selfTrust: 0, duplicates: 0 };
  for await (const [a, b] of records(file, 2)) {
    if (a === b) {
      dropped.selfTrust++;
      continue;
    }
    const key = a * 1_000_000 + b;
    if (seen.has(key)) {
      dropped.duplicates++;
      continue;
    }
    seen.add(key);
    from.push(a);
    to.push(b);
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), dropped };
}
