/** A small, dependency-free SVG line chart: numeric axes, one polyline per series, a legend. */
export interface Series {
  name: string;
  points: Array<{ x: number; y: number; label?: string }>;
  dashed?: boolean;
  color?: string;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  width?: number;
  height?: number;
  /** Use a logarithmic y axis (latencies spanning orders of magnitude). */
  logY?: boolean;
}

export const COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];

export function lineChart(spec: ChartSpec): string {
  const width = spec.width ?? 800;
  const height = spec.height ?? 400;
  const m = { top: 40, right: 250, bottom: 50, left: 70 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const all = spec.series
    .flatMap((s) => s.points)
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xTicks = niceTicks(0, Math.max(1, ...all.map((p) => p.x)));
  const yMin = spec.logY ? Math.max(0.01, Math.min(...all.map((p) => p.y))) : 0;
  const yMax = Math.max(yMin * 10, ...all.map((p) => p.y));
  const yTicks = spec.logY ? logTicks(yMin, yMax) : niceTicks(0, Math.max(1e-9, yMax));
  const x = (v: number) => m.left + (v / xTicks.at(-1)!) * w;
  const y = spec.logY
    ? (v: number) => {
        const lo = Math.log10(yTicks[0]);
        const hi = Math.log10(yTicks.at(-1)!);
        return m.top + h - ((Math.log10(Math.max(v, yTicks[0])) - lo) / (hi - lo)) * h;
      }
    : (v: number) => m.top + h - (v / yTicks.at(-1)!) * h;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${m.left}" y="22" font-size="15" font-weight="bold">${esc(spec.title)}</text>`,
  ];
  for (const t of xTicks) {
    out.push(line(x(t), m.top, x(t), m.top + h, '#eee'));
    out.push(`<text x="${x(t)}" y="${m.top + h + 16}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of yTicks) {
    out.push(line(m.left, y(t), m.left + w, y(t), '#eee'));
    out.push(`<text x="${m.left - 6}" y="${y(t) + 4}" text-anchor="end">${fmt(t)}</text>`);
  }
  out.push(
    line(m.left, m.top + h, m.left + w, m.top + h, '#333'),
    line(m.left, m.top, m.left, m.top + h, '#333'),
  );
  out.push(`<text x="${m.left + w / 2}" y="${height - 10}" text-anchor="middle">${esc(spec.xLabel)}</text>`);
  out.push(
    `<text transform="translate(16 ${m.top + h / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`,
  );
  spec.series.forEach((s, i) => {
    const color = s.color ?? COLORS[i % COLORS.length];
    const pts = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    out.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${pts.map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const p of pts) {
      out.push(`<circle cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="3" fill="${color}"/>`);
      if (p.label)
        out.push(
          `<text x="${(x(p.x) + 5).toFixed(1)}" y="${(y(p.y) - 5).toFixed(1)}" fill="${color}" font-size="10">${esc(p.label)}</text>`,
        );
    }
    const ly = m.top + 10 + i * 18;
    out.push(line(m.left + w + 14, ly, m.left + w + 38, ly, color, s.dashed));
    out.push(`<text x="${m.left + w + 44}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function line(x1: number, y1: number, x2: number, y2: number, color: string, dashed = false): string {
  const dash = dashed ? ' stroke-dasharray="5 4"' : '';
  return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${color}"${dash}/>`;
}

/** About five round ticks from 0 to at least max. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.floor(min / step) * step; t < max + step * 0.999; t += step)
    ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) ticks.push(10 ** e);
  return ticks;
}

function fmt(v: number): string {
  if (v >= 1000) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
