import type { BenchOptions } from './options';
import { type LoadRequest, type LoadResult, runLoad } from './load';
import { median } from './stats';

/** One server answering one kind of request, as the load generator sees it. */
export interface HttpTarget {
  name: string;
  /** The GraphQL endpoint. */
  url: string;
  requests: LoadRequest[];
  /** See LoadJob. */
  errorMarkers?: string[];
  unique?: boolean;
  /** The server process behind `url`, whose CPU time (user + system, from the OS) each run measures. */
  pid?: number;
}

export interface TargetPoint {
  connections: number;
  rounds: LoadResult[];
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
  /** Requests per CPU second of the server process (median of the rounds); NaN when not measured. */
  perCpuSecond: number;
}

export interface Ratio {
  /** Our throughput over theirs, per round (each round runs both back to back). */
  perRound: number[];
  median: number;
  min: number;
  max: number;
  /** p99 latency, ours over theirs, median of the rounds. */
  p99: number;
  /** Requests per server CPU second, ours over theirs, median of the rounds (NaN when not measured). */
  perCpu: number;
}

export interface ComparisonResult {
  connections: number[];
  targets: Record<string, TargetPoint[]>;
}

/**
 * Measures several targets under the same load, in interleaved rounds: each round runs every target once, in
 * an order that flips from round to round (A B C, C B A, …), so that slow drift and bursts from other work on
 * the machine land on all of them alike. The last connection count gets `options.rounds` rounds (the ratios
 * are taken there); the others, which draw the latency-against-load curve, get fewer.
 */
export async function compareTargets(
  targets: HttpTarget[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ComparisonResult> {
  const result: ComparisonResult = { connections: options.connections, targets: {} };
  for (const t of targets) result.targets[t.name] = [];
  const last = options.connections[options.connections.length - 1];
  const warmUp = options.quick ? 1 : Math.min(2, options.seconds);
  for (const t of targets) await runLoad(job(t, last, warmUp)); // JIT warm-up, not kept
  for (const connections of options.connections) {
    const rounds = connections === last ? options.rounds : Math.max(1, Math.ceil(options.rounds / 3));
    const perTarget = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? targets : [...targets].reverse();
      for (const t of order) {
        const res = await runLoad(job(t, connections, options.seconds));
        perTarget.get(t.name)!.push(res);
        log(
          `  ${t.name.padEnd(28)} c=${String(connections).padStart(3)} round ${r + 1}/${rounds}: ` +
            `${res.throughput.toFixed(0)} req/s, p99 ${res.p99.toFixed(1)} ms` +
            (Number.isFinite(res.perCpuSecond) ? `, ${res.perCpuSecond.toFixed(0)} req/CPU-s` : '') +
            (failures(res) ? `, ${failures(res)} failed` : ''),
        );
      }
    }
    for (const t of targets) result.targets[t.name].push(point(connections, perTarget.get(t.name)!));
  }
  return result;
}

/** Ours over theirs at the last connection count, round by round. */
export function ratioOf(result: ComparisonResult, ours: string, theirs: string): Ratio {
  const a = result.targets[ours].at(-1)!.rounds;
  const b = result.targets[theirs].at(-1)!.rounds;
  const perRound = a.map((x, i) => x.throughput / b[i].throughput);
  return {
    perRound,
    median: median(perRound),
    min: Math.min(...perRound),
    max: Math.max(...perRound),
    p99: median(a.map((x, i) => x.p99 / b[i].p99)),
    perCpu: median(a.map((x, i) => x.perCpuSecond / b[i].perCpuSecond)),
  };
}

function job(t: HttpTarget, connections: number, seconds: number) {
  return {
    url: t.url,
    connections,
    seconds,
    requests: t.requests,
    errorMarkers: t.errorMarkers,
    unique: t.unique,
    serverPid: t.pid,
  };
}

function failures(r: LoadResult): number {
  return r.errors + r.timeouts + r.non2xx + r.graphqlErrors;
}

function point(connections: number, rounds: LoadResult[]): TargetPoint {
  return {
    connections,
    rounds,
    throughput: median(rounds.map((r) => r.throughput)),
    p50: median(rounds.map((r) => r.p50)),
    p95: median(rounds.map((r) => r.p95)),
    p99: median(rounds.map((r) => r.p99)),
    failures: rounds.reduce((n, r) => n + failures(r), 0),
    perCpuSecond: median(rounds.map((r) => r.perCpuSecond)),
  };
}
