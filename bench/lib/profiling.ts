import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { HttpTarget } from './compare';
import { runLoad } from './load';
import { startServer, type ServerHandle, type ServerSpec } from './processes';
import { findingsOf, summarizeProfile } from './profile';
import type { Bench } from './section';

/** Where a scenario's raw profile goes (bench/results/profiles/<id>/<id>.cpuprofile), emptied first. */
export function profileFile(bench: Bench, id: string): string {
  const dir = join(bench.root, 'bench', 'results', 'profiles', id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return join(dir, `${id}.cpuprofile`);
}

/**
 * Where the time goes when a target is missed: the server runs again under the same load as the comparison's
 * highest connection count, warmed up, and the V8 CPU profiler (the one behind --cpu-prof) records the load
 * window only. Returns the markdown for the report.
 */
export async function profileUnderLoad(
  bench: Bench,
  id: string,
  spec: ServerSpec,
  target: (server: ServerHandle) => HttpTarget,
): Promise<string> {
  if (!bench.options.profile)
    return '_Not profiled in this run: the quick run profiles only with `--profile`; the full run always does._';
  const file = profileFile(bench, id);
  const server = await startServer({ ...spec, name: `${spec.name} (profiled)` });
  const connections = bench.options.connections.at(-1)!;
  let throughput: number;
  try {
    const t = target(server);
    const job = (seconds: number) => ({
      url: t.url,
      connections,
      seconds,
      requests: t.requests,
      unique: t.unique,
      errorMarkers: t.errorMarkers,
    });
    await runLoad(job(Math.min(3, bench.options.seconds)));
    await server.startProfile();
    const result = await runLoad(job(bench.options.seconds * 2));
    await server.stopProfile(file);
    throughput = result.throughput;
  } finally {
    await server.stop();
  }
  return profileMarkdown(
    bench,
    file,
    `over the warmed-up load window only; ${connections} connections, ${throughput.toFixed(0)} req/s while profiled`,
  );
}

/**
 * A profile for the report: self time grouped by where the code lives, the hottest functions with their
 * nearest callers, and the known causes recognised in it with what would remove them.
 */
export function profileMarkdown(bench: Bench, file: string, context: string): string {
  const summary = summarizeProfile(file, 12);
  const findings = findingsOf(summary);
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    '',
    `**Profile** (V8 CPU profiler as with \`--cpu-prof\`, ${context}; ${summary.busyMs.toFixed(0)} ms of busy ` +
      `CPU; raw profile in \`${relative(bench.root, file)}\`). Self time by where the code lives:`,
    '',
    '| where | share of busy time |',
    '| --- | ---: |',
    ...summary.byPackage.map((p) => `| ${p.name} | ${pct(p.share)} |`),
    '',
    'Hottest functions (self time) and their nearest callers:',
    '',
    '| function | share | called from |',
    '| --- | ---: | --- |',
    ...summary.byFunction.map(
      (p) => `| \`${cell(p.name)}\` | ${pct(p.share)} | ${cell(p.calledFrom ?? '')} |`,
    ),
    '',
    ...findings.map((f) => `- ${f}`),
    '',
  ].join('\n');
}
