import type { BenchOptions } from './options';
import type { BenchPostgres } from './database';

/** One target of the issue, as the report's summary table shows it. */
export interface TargetCheck {
  target: string;
  figure: string;
  status: 'met' | 'missed' | 'pending' | 'info';
}

/** What a scenario hands to the report: its markdown, its charts and its verdicts. */
export interface Section {
  id: string;
  title: string;
  status: 'measured' | 'pending' | 'failed';
  measuredAt: string;
  mode: 'quick' | 'full';
  body: string;
  targets: TargetCheck[];
  /** File name (under bench/charts/) → SVG text. */
  charts: Record<string, string>;
}

/** What every scenario gets: options, the PostgreSQL server, the databases and a log line writer. */
export interface Bench {
  root: string;
  options: BenchOptions;
  pg: BenchPostgres;
  log(line: string): void;
  /** The URL of a bench database, created and migrated on first use. */
  database(name: string): Promise<string>;
}

export function section(
  bench: Bench,
  id: string,
  title: string,
  fill: Partial<Omit<Section, 'id' | 'title' | 'measuredAt' | 'mode'>>,
): Section {
  return {
    id,
    title,
    status: 'measured',
    measuredAt: new Date().toISOString(),
    mode: bench.options.quick ? 'quick' : 'full',
    body: '',
    targets: [],
    charts: {},
    ...fill,
  };
}

/** A scenario whose operations are not in our schema yet: said so, with no figure. */
export function pending(
  bench: Bench,
  id: string,
  title: string,
  missing: string[],
  targets: string[],
): Section {
  return section(bench, id, title, {
    status: 'pending',
    body:
      `**Pending**: our schema does not have ${missing.map((m) => `\`${m}\``).join(', ')} yet (the slice ` +
      `has not merged). The scenario is written against the public contract and runs once it is there.`,
    targets: targets.map((target) => ({ target, figure: 'pending', status: 'pending' as const })),
  });
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : '–');
export const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
