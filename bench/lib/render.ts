import type { ComparisonResult, Ratio } from './compare';
import { int, ms } from './section';
import { COLORS, lineChart, type Series } from './svg-chart';

/** The table of a comparison: every target at every connection count (medians of the rounds). */
export function comparisonTable(result: ComparisonResult): string {
  const rows = [
    '| server | connections | req/s | req/CPU-s | p50 | p95 | p99 | failed | rounds |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, points] of Object.entries(result.targets)) {
    for (const p of points) {
      rows.push(
        `| ${name} | ${p.connections} | ${int(p.throughput)} | ${int(p.perCpuSecond)} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${p.failures} | ${p.rounds.length} |`,
      );
    }
  }
  return rows.join('\n');
}

export function ratioLine(label: string, r: Ratio): string {
  return (
    `${label}: **${r.median.toFixed(2)} ×** throughput (median of ${r.perRound.length} interleaved rounds, ` +
    `range ${r.min.toFixed(2)}–${r.max.toFixed(2)}); p99 latency ${r.p99.toFixed(2)} × theirs` +
    (Number.isFinite(r.perCpu)
      ? `; requests per server CPU-second **${r.perCpu.toFixed(2)} ×** theirs (user + system time from the OS)`
      : '')
  );
}

/** Latency against load: p99 (solid) and p50 (dashed) over achieved throughput, one colour per server. */
export function latencyChart(title: string, result: ComparisonResult): string {
  const series: Series[] = [];
  Object.entries(result.targets).forEach(([name, points], i) => {
    series.push({
      name: `${name} p99`,
      color: COLORS[i % COLORS.length],
      points: points.map((p) => ({ x: p.throughput, y: p.p99, label: `c${p.connections}` })),
    });
    series.push({
      name: `${name} p50`,
      color: COLORS[i % COLORS.length],
      dashed: true,
      points: points.map((p) => ({ x: p.throughput, y: p.p50 })),
    });
  });
  return lineChart({ title, xLabel: 'throughput (requests/s)', yLabel: 'latency (ms)', series, logY: true });
}
