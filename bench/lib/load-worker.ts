import autocannon from 'autocannon';
import type { LoadJob, LoadResult } from './load';
import { summarize } from './stats';

/**
 * The load generator, in a process of its own so that it never shares an event loop with the servers it
 * measures. It takes one job over IPC, runs autocannon, records every response's latency (autocannon's own
 * summary has no p95) and sends back the figures.
 */
process.once('message', (job: LoadJob) => {
  const latencies: number[] = [];
  let index = 0;
  let graphqlErrors = 0;
  const nonce = `${process.pid}-${Date.now()}`;
  const markers = job.errorMarkers ?? [];
  const instance = autocannon(
    {
      url: job.url,
      connections: job.connections,
      duration: job.seconds,
      amount: job.amount,
      pipelining: 1,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const n = index++;
            const r = job.requests[n % job.requests.length];
            return {
              ...req,
              method: 'POST',
              body: job.unique ? r.body.replace('__UNIQUE__', `${nonce}-${n}`) : r.body,
              headers: { 'content-type': 'application/json', ...(r.headers ?? {}) },
            };
          },
          onResponse: markers.length
            ? (_status, body) => {
                if (markers.some((m) => body.includes(m))) graphqlErrors++;
              }
            : undefined,
        },
      ],
    },
    (error, result) => {
      if (error) {
        process.send!({ error: String(error) });
        return;
      }
      const summary = summarize(latencies);
      const seconds = (Date.parse(String(result.finish)) - Date.parse(String(result.start))) / 1000;
      const answer: LoadResult = {
        connections: job.connections,
        requests: summary.count,
        seconds,
        throughput: summary.count / seconds,
        p50: summary.p50,
        p95: summary.p95,
        p99: summary.p99,
        max: summary.max,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        graphqlErrors,
        serverCpuSeconds: Number.NaN,
        perCpuSecond: Number.NaN,
      };
      process.send!(answer, () => process.exit(0));
    },
  );
  process.send!({ started: true });
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status < 400) latencies.push(responseTime);
  });
});
