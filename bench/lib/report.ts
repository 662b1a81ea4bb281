import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from './machine';
import type { Section } from './section';

/** The order of the report, whatever order the scenarios ran in. */
export const SECTION_ORDER = [
  'typename',
  'product-page',
  'user-page',
  'friend-recommendations',
  'trust-push',
  'join-pool',
  'fanout',
  'accuracy',
  'data',
];

export function saveSection(root: string, s: Section): void {
  const dir = join(root, 'bench', 'results', 'sections');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${s.id}.json`), JSON.stringify(s, null, 2));
  const charts = join(root, 'bench', 'charts');
  mkdirSync(charts, { recursive: true });
  for (const [file, svg] of Object.entries(s.charts)) writeFileSync(join(charts, file), svg);
}

function loadSections(root: string): Map<string, Section> {
  const dir = join(root, 'bench', 'results', 'sections');
  const sections = new Map<string, Section>();
  if (!existsSync(dir)) return sections;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const s = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Section;
    sections.set(s.id, s);
  }
  return sections;
}

export interface RunInfo {
  startedAt: string;
  finishedAt: string;
  command: string;
  mode: 'quick' | 'full';
  machine: MachineInfo;
  notes: string[];
}

/**
 * Writes bench/REPORT.md from the sections of this run, and those of earlier runs that this one did not
 * repeat (each says when and in which mode it was measured).
 */
export function writeReport(root: string, run: RunInfo): string {
  const sections = loadSections(root);
  const ordered = [
    ...SECTION_ORDER.filter((id) => sections.has(id)).map((id) => sections.get(id)!),
    ...[...sections.values()].filter((s) => !SECTION_ORDER.includes(s.id)),
  ];
  const m = run.machine;
  const lines: string[] = [
    '# Dorfmarkt benchmark report',
    '',
    `Written by \`${run.command}\` (${run.mode} mode), ${run.startedAt} – ${run.finishedAt}.`,
    'Every figure below was measured by that command on the machine described here; nothing is estimated.',
    'Sections that a later run did not repeat keep the date and mode they were measured in.',
    '',
    '## Machine and versions',
    '',
    `- ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; load average at the start ${m.loadAverage}`,
    `- Node ${m.node}; ${m.postgres}`,
    `- ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}`,
    '',
    ...run.notes.map((n) => `> ${n}`),
    '',
    '## Targets',
    '',
    '| target | figure | status | measured |',
    '| --- | --- | --- | --- |',
    ...ordered.flatMap((s) =>
      s.status === 'failed' && !s.targets.length
        ? [`| ${s.title} | failed in this run (see its section) | **failed** | ${when(s)} |`]
        : s.targets.map(
            (t) =>
              `| ${t.target} | ${t.figure} | ${badge(t.status)} | ${s.status === 'pending' ? '–' : when(s)} |`,
          ),
    ),
    '',
    ...ordered.flatMap((s) => [`## ${s.title}`, '', `_${statusLine(s)}_`, '', s.body.trim(), '']),
    '## How it is measured',
    '',
    METHOD.trim(),
    '',
  ];
  const text = lines.join('\n');
  writeFileSync(join(root, 'bench', 'REPORT.md'), text);
  return text;
}

const badge = (s: string) =>
  ({ met: '**met**', missed: '**missed**', pending: 'pending', info: '–' })[s] ?? s;
const when = (s: Section) => `${s.measuredAt.slice(0, 16).replace('T', ' ')} (${s.mode})`;
const statusLine = (s: Section) => (s.status === 'pending' ? 'pending' : `${s.status}, ${when(s)}`);

const METHOD = `
- **Load**: autocannon 9 in a process of its own (never in a server's event loop), over loopback, HTTP/1.1
  keep-alive, no pipelining. Every response's latency is recorded (autocannon's summary has no p95); failures
  (socket errors, timeouts, non-2xx, bodies with GraphQL \`errors\`) are counted and shown.
- **Interleaved rounds**: every round runs each server once, in an order that flips from round to round, so drift
  and bursts from other work on the machine fall on all of them alike. Ratios are taken round by round (ours over
  theirs, measured back to back) at the highest connection count, and the median is reported with its range.
  The lower connection counts draw the latency-against-load charts.
- **Servers**: each in its own Node process with \`--expose-gc\`, started fresh for the scenario. Ours runs
  \`dist/src/main.js\` with \`NODE_ENV=production\` (limits on, the rate-limit budget raised above the bench's load),
  and again with the rate limits off (\`RATE_LIMIT_*=0\`).
- **SQL statements per request**: a short separate pass through a counting TCP proxy between the server and
  PostgreSQL (\`bench/lib/sql-counter.ts\`), which reads the wire protocol and counts every simple Query and every
  Execute on the server's own pool (by \`application_name\`; the job queue and event listener are apart).
  BEGIN/COMMIT are counted and shown apart. pg_stat_statements would need a preload at PostgreSQL's start.
- **Memory**: asked of the server process itself over IPC after two full GCs (\`bench/lib/probe.ts\`, preloaded
  into every server, PostGraphile's too): RSS and V8 heap. Per subscription = growth after N subscribers / N.
- **Profiles**: where a target is missed, the server is run again under the same load, warmed up, and the V8 CPU
  profiler (the one behind \`--cpu-prof\`) records the load window only, through the same IPC probe; its self time
  is grouped by package and by function. The raw \`.cpuprofile\` stays in \`bench/results/profiles/\`.
`;
