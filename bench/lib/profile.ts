import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  /** Share of the busy time (idle excluded), 0..1. */
  share: number;
  /** For functions: the nearest callers with a source location, innermost first. */
  calledFrom?: string;
}

export interface ProfileSummary {
  file: string;
  busyMs: number;
  byPackage: ProfileShare[];
  byFunction: ProfileShare[];
  /** Every sampled stack (innermost frame first, as "function file") with its share, for findings. */
  stacks: Array<{ frames: string[]; share: number }>;
}

/**
 * Self time of a V8 CPU profile, grouped by where the code lives (an npm package, our own source folder, Node
 * itself, the garbage collector) and by function with its callers: the first thing to read when a target is
 * missed. The probe's own work (stopping the profiler) is left out.
 */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const stackOf = (id: number): ProfileNode[] => {
    const frames: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!);
    return frames;
  };
  const packages = new Map<string, number>();
  const functions = new Map<string, { micros: number; callers: Map<string, number> }>();
  const stacks: Array<{ frames: string[]; micros: number }> = [];
  let busy = 0;
  for (const [id, micros] of selfTime) {
    const stack = stackOf(id);
    const { functionName, url, lineNumber } = stack[0].callFrame;
    if (functionName === '(idle)' || stack.some((f) => f.callFrame.url.endsWith('/probe.js'))) continue;
    busy += micros;
    const where = locationOf(url, functionName);
    packages.set(where, (packages.get(where) ?? 0) + micros);
    const fn = `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
    const entry = functions.get(fn) ?? { micros: 0, callers: new Map() };
    entry.micros += micros;
    const callers = stack
      .slice(1)
      .filter((f) => f.callFrame.url && !f.callFrame.url.startsWith('node:'))
      .slice(0, 3)
      .map((f) => `${f.callFrame.functionName || '(anonymous)'} ${shortUrl(f.callFrame.url)}`)
      .join(' ← ');
    entry.callers.set(callers, (entry.callers.get(callers) ?? 0) + micros);
    functions.set(fn, entry);
    stacks.push({ frames: stack.map((f) => `${f.callFrame.functionName} ${f.callFrame.url}`), micros });
  }
  const share = (micros: number) => (busy ? micros / busy : 0);
  return {
    file,
    busyMs: busy / 1000,
    byPackage: [...packages]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, share: share(micros) })),
    byFunction: [...functions]
      .sort((a, b) => b[1].micros - a[1].micros)
      .slice(0, top)
      .map(([name, { micros, callers }]) => ({
        name,
        share: share(micros),
        calledFrom: [...callers].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
      })),
    stacks: stacks.map((s) => ({ frames: s.frames, share: share(s.micros) })),
  };
}

function locationOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /dist\/(src|bench)\/([^/]+)/.exec(url);
  if (own) return `dorfmarkt ${own[1]}/${own[2].replace(/\.js$/, '')}`;
  return shortUrl(url);
}

function shortUrl(url: string): string {
  const pkg = /node_modules\/(.*)$/.exec(url);
  if (pkg) return pkg[1];
  const own = /dist\/(.*)$/.exec(url);
  if (own) return own[1];
  return url.replace(/^file:\/\//, '');
}

/** A known cause, recognised by the frames of the stacks it shows up in, with what would remove it. */
interface Finding {
  test: (frames: string[]) => boolean;
  /** The least share worth a word (default: the caller's). */
  min?: number;
  text: (share: string) => string;
}

const has = (frames: string[], ...parts: string[]) => parts.every((p) => frames.some((f) => f.includes(p)));

const FINDINGS: Finding[] = [
  {
    test: (f) => has(f, 'createPublicKey', 'jsonwebtoken/verify.js'),
    text: (s) =>
      `${s} of the CPU goes to \`jsonwebtoken.verify\` turning the HS256 secret, a string, into a key on every ` +
      'request: it first tries `crypto.createPublicKey`, which fails (and throws) for a plain secret, then ' +
      '`createSecretKey`. Closing it: make the `KeyObject` once (`crypto.createSecretKey`) in `AccessTokens` and ' +
      'pass it to `sign` and `verify`.',
  },
  {
    test: (f) => has(f, 'writev', 'pg/lib/client.js'),
    text: (s) =>
      `${s} of the CPU is the system call that writes queries to PostgreSQL's socket (costly on this virtual ` +
      'machine): every statement per request costs a round trip and a write; fewer statements is the lever.',
  },
  {
    test: (f) => has(f, 'rate-limiter-flexible'),
    text: (s) =>
      `${s} of the CPU counts the request against the shared budgets (rate-limiter-flexible: a Redis script call, ` +
      'pipelined with those of concurrent requests, or a PostgreSQL upsert without Redis); bare servers count ' +
      "nothing. Closing it: count in each instance's memory and settle with the shared store in batches every " +
      'few hundred milliseconds, accepting that a budget may overshoot by one batch per instance.',
  },
  {
    test: (f) => has(f, 'prom-client'),
    text: (s) =>
      `${s} of the CPU records Prometheus metrics (a latency histogram and counters per operation).`,
  },
  {
    test: (f) => has(f, 'postgres-date'),
    text: (s) =>
      `${s} of the CPU parses timestamps in the rows pg reads (\`postgres-date\`): reading them as text and ` +
      'serialising that would skip the round trip through `Date` for fields that are only shown.',
  },
  {
    test: (f) => has(f, 'mapAsyncIterator'),
    text: (s) =>
      `${s} of the CPU executes the subscription's selection again for every subscriber (graphql-js maps each ` +
      "subscriber's event stream through `execute`). Closing it: execute each distinct selection once per event " +
      'and send the same serialised result to all its subscribers (per viewer where the selection reads the viewer).',
  },
  {
    test: (f) => f[0]?.startsWith('(garbage collector)'),
    min: 0.1,
    text: (s) =>
      `${s} of the CPU is garbage collection: what is allocated per request (or per subscriber and event) is the ` +
      'lever; sharing one serialised result among the subscribers of one selection removes most of it in fan-out.',
  },
  {
    test: (f) => has(f, 'writev', 'ws/lib/sender.js'),
    text: (s) =>
      `${s} of the CPU is writing one WebSocket frame per subscriber (a system call each): the floor of fan-out ` +
      'in one process; more instances behind the event bus divide it.',
  },
];

/** The findings whose stacks take at least `min` of the busy time, worded for the report. */
export function findingsOf(summary: ProfileSummary, min = 0.03): string[] {
  return FINDINGS.map((finding) => {
    const share = summary.stacks.filter((s) => finding.test(s.frames)).reduce((a, s) => a + s.share, 0);
    return share >= (finding.min ?? min) ? finding.text(`${(share * 100).toFixed(0)} %`) : null;
  }).filter((t): t is string => t !== null);
}
