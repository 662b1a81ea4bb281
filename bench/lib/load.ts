import { fork } from 'node:child_process';
import { join } from 'node:path';

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
}

const WORKER = join(__dirname, 'load-worker.js');

/** Runs one load job in a fresh load-generator process. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: LoadResult | { error: string }) => {
      settled = true;
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited (${code}) without a result`));
    });
    child.send(job);
  });
}
