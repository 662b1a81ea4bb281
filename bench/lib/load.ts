import { fork } from 'node:child_process';
import { join } from 'node:path';
import { cpuSecondsOf } from './cpu';

export interface LoadRequest {
  body: string;
  headers?: Record<string, string>;
}

export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  /** Stop after this many requests instead (used for fixed-size runs). */
  amount?: number;
  /** Cycled through, one per request. */
  requests: LoadRequest[];
  /** Count responses whose body contains any of these (e.g. `"errors"`, `"code"` of a userError). */
  errorMarkers?: string[];
  /** Replace `__UNIQUE__` in each body with a value never sent before (idempotency keys). */
  unique?: boolean;
  /** The server's process id: its CPU time (user + system, from the OS) is measured over the job. */
  serverPid?: number;
}

export interface LoadResult {
  connections: number;
  requests: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
  /** CPU seconds (user + system) the server process used during the job; NaN when not measured. */
  serverCpuSeconds: number;
  /** Requests answered per CPU second of the server process: less disturbed by other work than req/s. */
  perCpuSecond: number;
}

const WORKER = join(__dirname, 'load-worker.js');

/** Runs one load job in a fresh load-generator process. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    let cpuBefore = Number.NaN;
    child.once('message', (message: LoadResult | { error: string } | { started: true }) => {
      // The worker says when its load starts, so the server's CPU is counted over the load alone.
      if ('started' in message) {
        if (job.serverPid) cpuBefore = cpuSecondsOf(job.serverPid);
        child.once('message', finish);
        return;
      }
      finish(message);
    });
    const finish = (message: LoadResult | { error: string }) => {
      settled = true;
      if ('error' in message) return reject(new Error(message.error));
      const serverCpuSeconds = job.serverPid ? cpuSecondsOf(job.serverPid) - cpuBefore : Number.NaN;
      resolve({ ...message, serverCpuSeconds, perCpuSecond: message.requests / serverCpuSeconds });
    };
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited (${code}) without a result`));
    });
    child.send(job);
  });
}
