import { resolve } from 'node:path';
import { nextRing, type TrustEdgeRow } from '../src/trust/mole-trust';
import { loadRatings, loadTrust, type DatasetName, type Ratings, type TrustEdges } from './data/datasets';
import { IMPORTED_TRUST_LEVEL } from './data/import-real';
import { random } from './data/bulk';
import {
  baselineRating,
  itemBias,
  trustedRating,
  userBias,
  MAX_RATING,
  MIN_RATING,
} from '../src/reviews/trusted-rating';

/**
 * Leave-one-out accuracy of the trusted rating against the plain predictors, offline and in memory, on the real
 * ratings (protocol of ../shared/data/README.md): each held-out rating is predicted from all the others, and
 * mean absolute error, RMSE and coverage are reported for all users and for cold users (fewer than 5 ratings),
 * overall and on the ratings the trusted predictors cover.
 *
 * Leave-one-out is exact for every predictor: the held-out rating is taken out of the global, item and user
 * sums, out of b_i, out of the viewer's b_u, and out of each trusted rater's b_j (which contains the item's
 * bias); only the global mean inside the biases keeps the held-out rating (one of up to 922,267).
 * Propagated trust is MoleTrust over 3 hops from src/trust/mole-trust.ts (`nextRing`), computed the way the
 * server does: rings 1 and 2 whole, ring 3 only for the item's raters. Every imported edge has level 4.
 */
export interface Metric {
  held: number;
  predicted: number;
  abs: number;
  sq: number;
}

export interface PredictorResult {
  name: string;
  all: Metric;
  covered: Metric;
  cold: Metric;
  coldCovered: Metric;
}

export interface DatasetResult {
  dataset: DatasetName;
  ratings: number;
  users: number;
  items: number;
  trustEdges: number;
  heldOut: number;
  coldHeldOut: number;
  coverage: number;
  /** Errors are in the data set's own units (FilmTrust 0.5–4). */
  scale: [number, number];
  dropped: Record<string, number>;
  predictors: PredictorResult[];
  seconds: number;
}

const PREDICTORS = [
  'global mean',
  "item mean (the product's plain average)",
  'user mean',
  'baseline mu + b_u + b_i',
  'plain mean of trusted raters (3 hops)',
  "trusted rating, trust = 1 (the README's sum / (2 + n))",
  `trusted rating, imported trust (level ${IMPORTED_TRUST_LEVEL})`,
  'trusted rating, baseline where no trusted rater',
];

interface TrustGraph {
  ids: string[];
  out: TrustEdgeRow[][];
  in: TrustEdgeRow[][];
}

export async function evaluateDataset(
  root: string,
  dataset: DatasetName,
  sample: number | 'all',
  log: (l: string) => void = () => undefined,
): Promise<DatasetResult> {
  const started = Date.now();
  const [raw, trust] = await Promise.all([loadRatings(root, dataset), loadTrust(root, dataset)]);
  const data = index(raw, trust);
  const graph = trustGraph(data.nodeOf, trust, data.nodes);
  const chosen = pick(raw.rating.length, sample);
  // Grouped by user, so that each user's rings are computed once.
  chosen.sort((a, b) => data.u[a] - data.u[b]);
  const results = PREDICTORS.map((name) => ({
    name,
    all: metric(),
    covered: metric(),
    cold: metric(),
    coldCovered: metric(),
  }));
  let rings: Rings | null = null;
  let ringsOf = -1;
  let covered = 0;
  let coldHeld = 0;
  for (let n = 0; n < chosen.length; n++) {
    const k = chosen[n];
    const u = data.u[k];
    if (u !== ringsOf) {
      rings = nearRings(graph, u);
      ringsOf = u;
    }
    const predictions = predict(data, graph, rings!, k);
    const isCovered = predictions[4] !== null;
    const isCold = data.userCount[u] < 5;
    if (isCovered) covered++;
    if (isCold) coldHeld++;
    predictions.forEach((p, j) => {
      const r = results[j];
      add(r.all, p, data.r[k]);
      if (isCovered) add(r.covered, p, data.r[k]);
      if (isCold) add(r.cold, p, data.r[k]);
      if (isCold && isCovered) add(r.coldCovered, p, data.r[k]);
    });
    if (n % 5000 === 4999) log(`  ${dataset}: ${n + 1}/${chosen.length} held out`);
  }
  // Back to the data set's own units (FilmTrust was mapped linearly onto 1..5 for the estimator's clamp).
  for (const r of results)
    for (const m of [r.all, r.covered, r.cold, r.coldCovered]) scaleMetric(m, data.unit);
  return {
    dataset,
    ratings: raw.rating.length,
    users: data.userCount.filter((c) => c > 0).length,
    items: data.itemCount.length,
    trustEdges: trust.from.length,
    heldOut: chosen.length,
    coldHeldOut: coldHeld,
    coverage: covered / chosen.length,
    scale: raw.scale,
    dropped: { ...raw.dropped, ...trust.dropped },
    predictors: results,
    seconds: (Date.now() - started) / 1000,
  };
}

interface Indexed {
  u: Int32Array;
  i: Int32Array;
  r: Float64Array;
  nodeOf: Map<number, number>;
  nodes: number;
  unit: number;
  mu: number;
  sum: number;
  userCount: Int32Array;
  userSum: Float64Array;
  userResidual: Float64Array;
  itemCount: Int32Array;
  itemSum: Float64Array;
  itemStart: Int32Array;
  itemRatings: Int32Array;
}

/** Dense indices for users (shared with the trust graph's nodes) and items, sums, biases, and raters per item. */
function index(raw: Ratings, trust: TrustEdges): Indexed {
  const nodeOf = new Map<number, number>();
  const node = (id: number) => {
    let n = nodeOf.get(id);
    if (n === undefined) nodeOf.set(id, (n = nodeOf.size));
    return n;
  };
  const itemOf = new Map<number, number>();
  const N = raw.rating.length;
  const u = new Int32Array(N);
  const i = new Int32Array(N);
  const r = new Float64Array(N);
  const [lo, hi] = raw.scale;
  const unit = (hi - lo) / (MAX_RATING - MIN_RATING);
  let sum = 0;
  for (let k = 0; k < N; k++) {
    u[k] = node(raw.user[k]);
    let it = itemOf.get(raw.item[k]);
    if (it === undefined) itemOf.set(raw.item[k], (it = itemOf.size));
    i[k] = it;
    r[k] = MIN_RATING + (raw.rating[k] - lo) / unit;
    sum += r[k];
  }
  for (let e = 0; e < trust.from.length; e++) {
    node(trust.from[e]);
    node(trust.to[e]);
  }
  const U = nodeOf.size;
  const I = itemOf.size;
  const mu = sum / N;
  const userCount = new Int32Array(U);
  const userSum = new Float64Array(U);
  const itemCount = new Int32Array(I);
  const itemSum = new Float64Array(I);
  for (let k = 0; k < N; k++) {
    userCount[u[k]]++;
    userSum[u[k]] += r[k];
    itemCount[i[k]]++;
    itemSum[i[k]] += r[k];
  }
  const userResidual = new Float64Array(U);
  for (let k = 0; k < N; k++) userResidual[u[k]] += r[k] - mu - itemBias(mu, itemCount[i[k]], itemSum[i[k]]);
  const itemStart = new Int32Array(I + 1);
  for (let k = 0; k < N; k++) itemStart[i[k] + 1]++;
  for (let x = 0; x < I; x++) itemStart[x + 1] += itemStart[x];
  const fill = itemStart.slice(0, I);
  const itemRatings = new Int32Array(N);
  for (let k = 0; k < N; k++) itemRatings[fill[i[k]]++] = k;
  return {
    u,
    i,
    r,
    nodeOf,
    nodes: U,
    unit,
    mu,
    sum,
    userCount,
    userSum,
    userResidual,
    itemCount,
    itemSum,
    itemStart,
    itemRatings,
  };
}

function trustGraph(nodeOf: Map<number, number>, trust: TrustEdges, nodes: number): TrustGraph {
  const ids = Array.from({ length: nodes }, (_, n) => String(n));
  const out: TrustEdgeRow[][] = Array.from({ length: nodes }, () => []);
  const inbound: TrustEdgeRow[][] = Array.from({ length: nodes }, () => []);
  for (let e = 0; e < trust.from.length; e++) {
    const a = nodeOf.get(trust.from[e])!;
    const b = nodeOf.get(trust.to[e])!;
    const row = { from: ids[a], to: ids[b], level: IMPORTED_TRUST_LEVEL };
    out[a].push(row);
    inbound[b].push(row);
  }
  return { ids, out, in: inbound };
}

interface Rings {
  near: Map<string, number>;
  ring2: Map<string, number>;
  seen: Set<string>;
}

/** Rings 1 and 2 of MoleTrust from `source`, as the server's TrustScoreService computes them. */
function nearRings(g: TrustGraph, source: number): Rings {
  const seen = new Set([g.ids[source]]);
  const ring1 = nextRing(new Map([[g.ids[source], 1]]), g.out[source], seen);
  for (const id of ring1.keys()) seen.add(id);
  const edges: TrustEdgeRow[] = [];
  for (const id of ring1.keys()) for (const e of g.out[Number(id)]) edges.push(e);
  const ring2 = nextRing(ring1, edges, seen);
  for (const id of ring2.keys()) seen.add(id);
  return { near: new Map([...ring1, ...ring2]), ring2, seen };
}

/** Ring 3, only for the users asked about: edges into them from ring 2. */
function ring3(g: TrustGraph, rings: Rings, targets: number[]): Map<string, number> {
  const edges: TrustEdgeRow[] = [];
  for (const t of targets) for (const e of g.in[t]) if (rings.ring2.has(e.from)) edges.push(e);
  return edges.length ? nextRing(rings.ring2, edges, rings.seen) : new Map();
}

/** Every predictor's value for held-out rating k (null where it cannot predict), computed without it. */
function predict(d: Indexed, g: TrustGraph, rings: Rings, k: number): Array<number | null> {
  const u = d.u[k];
  const i = d.i[k];
  const r = d.r[k];
  const N = d.r.length;
  const bi = itemBias(d.mu, d.itemCount[i], d.itemSum[i]);
  const biOut = itemBias(d.mu, d.itemCount[i] - 1, d.itemSum[i] - r);
  const buOut = userBias(d.userCount[u] - 1, d.userResidual[u] - (r - d.mu - bi));
  const raters: Array<{ v: number; rating: number }> = [];
  const far: number[] = [];
  for (let x = d.itemStart[i]; x < d.itemStart[i + 1]; x++) {
    const other = d.itemRatings[x];
    if (other === k) continue;
    const v = d.u[other];
    raters.push({ v, rating: d.r[other] });
    if (!rings.near.has(g.ids[v]) && !rings.seen.has(g.ids[v])) far.push(v);
  }
  const r3 = far.length ? ring3(g, rings, far) : new Map<string, number>();
  const trusted = raters
    .map(({ v, rating }) => {
      const t = rings.near.get(g.ids[v]) ?? r3.get(g.ids[v]);
      // b_v without the held-out rating's effect on b_i: v's residual for item i was r_v − mu − b_i.
      const bv = userBias(d.userCount[v], d.userResidual[v] + (bi - biOut));
      return t === undefined ? null : { rating, raterBias: bv, trust: t };
    })
    .filter((t) => t !== null);
  const input = (trust: (t: number) => number) => ({
    globalMean: d.mu,
    itemBias: biOut,
    viewerBias: buOut,
    trusted: trusted.map((t) => ({ ...t, trust: trust(t.trust) })),
  });
  const baseline = baselineRating(d.mu, biOut, buOut);
  const imported = trustedRating(input((t) => t));
  return [
    (d.sum - r) / (N - 1),
    d.itemCount[i] > 1 ? (d.itemSum[i] - r) / (d.itemCount[i] - 1) : null,
    d.userCount[u] > 1 ? (d.userSum[u] - r) / (d.userCount[u] - 1) : null,
    baseline,
    trusted.length ? trusted.reduce((s, t) => s + t.rating, 0) / trusted.length : null,
    trustedRating(input(() => 1))?.value ?? null,
    imported?.value ?? null,
    imported?.value ?? baseline,
  ];
}

function pick(n: number, sample: number | 'all'): number[] {
  const all = Array.from({ length: n }, (_, k) => k);
  if (sample === 'all' || sample >= n) return all;
  const rand = random(42);
  for (let k = 0; k < sample; k++) {
    const j = k + Math.floor(rand() * (n - k));
    [all[k], all[j]] = [all[j], all[k]];
  }
  return all.slice(0, sample);
}

const metric = (): Metric => ({ held: 0, predicted: 0, abs: 0, sq: 0 });

function add(m: Metric, prediction: number | null, actual: number): void {
  m.held++;
  if (prediction === null) return;
  m.predicted++;
  m.abs += Math.abs(prediction - actual);
  m.sq += (prediction - actual) ** 2;
}

function scaleMetric(m: Metric, unit: number): void {
  m.abs *= unit;
  m.sq *= unit * unit;
}

export const mae = (m: Metric) => (m.predicted ? m.abs / m.predicted : NaN);
export const rmse = (m: Metric) => (m.predicted ? Math.sqrt(m.sq / m.predicted) : NaN);
export const coverage = (m: Metric) => (m.held ? m.predicted / m.held : NaN);

/** `node dist/bench/accuracy.js [--quick]`: the evaluation alone, printed as JSON. */
async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const quick = process.argv.includes('--quick');
  for (const dataset of ['filmtrust', 'epinions', 'ciao'] as const) {
    const result = await evaluateDataset(
      root,
      dataset,
      dataset === 'filmtrust' ? 'all' : quick ? 8000 : 40_000,
      console.log,
    );
    console.log(
      dataset,
      result.seconds.toFixed(1) + ' s',
      result.predictors.map(
        (p) =>
          `${p.name}: all ${mae(p.all).toFixed(3)} (${(coverage(p.all) * 100).toFixed(0)} %), covered ${mae(p.covered).toFixed(3)}`,
      ),
    );
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
