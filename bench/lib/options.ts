/**
 * What one run measures and at which size. `--quick` keeps a run under five minutes (two connection counts, no profiles) on the 2-core machine; the
 * full run is the one the report's targets are judged on.
 */
export interface BenchOptions {
  quick: boolean;
  /** Scenario names to run (all when empty). */
  only: string[];
  /** Interleaved rounds per comparison. */
  rounds: number;
  /** Seconds of load per target per round and connection count. */
  seconds: number;
  /** Connection counts of the latency-against-load sweep; the ratio is taken at the last one. */
  connections: number[];
  /** WebSocket subscribers for fan-out. */
  subscribers: number;
  /** Held-out ratings per data set in the accuracy evaluation (FilmTrust is always evaluated whole). */
  accuracySample: number;
  /** Synthetic village size. */
  village: VillageSize;
  /** Real trust networks to import and measure on (the quick run keeps to Epinions). */
  networks: Array<'epinions' | 'snap'>;
  /** Write bench/REPORT.md (off with --no-report, for trying a single scenario). */
  report: boolean;
  /** Profile the server where a target is missed: always in the full run, with --profile in the quick one. */
  profile: boolean;
}

export interface VillageSize {
  users: number;
  trustEdges: number;
  merchants: number;
  products: number;
  reviews: number;
  orders: number;
  pools: number;
  poolMembers: number;
}

const FULL_VILLAGE: VillageSize = {
  users: 75_000,
  trustEdges: 500_000,
  merchants: 1_000,
  products: 20_000,
  reviews: 500_000,
  orders: 100_000,
  pools: 2_000,
  poolMembers: 40_000,
};

const QUICK_VILLAGE: VillageSize = {
  users: 15_000,
  trustEdges: 100_000,
  merchants: 200,
  products: 4_000,
  reviews: 100_000,
  orders: 20_000,
  pools: 400,
  poolMembers: 8_000,
};

export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const [key, value = 'true'] = arg.replace(/^--/, '').split('=');
    flags.set(key, value);
  }
  const quick = flags.has('quick');
  const number = (key: string, fallback: number) => (flags.has(key) ? Number(flags.get(key)) : fallback);
  return {
    quick,
    only: flags.get('only')?.split(',').filter(Boolean) ?? [],
    rounds: number('rounds', quick ? 3 : 5),
    seconds: number('seconds', quick ? 2 : 10),
    connections: flags.get('connections')?.split(',').map(Number) ?? (quick ? [1, 32] : [1, 4, 16, 64]),
    subscribers: number('subscribers', quick ? 2_000 : 10_000),
    accuracySample: number('accuracy-sample', quick ? 2_000 : 40_000),
    village: quick ? QUICK_VILLAGE : FULL_VILLAGE,
    networks: quick ? ['epinions'] : ['epinions', 'snap'],
    report: !flags.has('no-report'),
    profile: !quick || flags.has('profile'),
  };
}

/** True when the scenario should run under `--only`. */
export function wanted(options: BenchOptions, name: string): boolean {
  return options.only.length === 0 || options.only.includes(name);
}
