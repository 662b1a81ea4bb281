import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The pool counters `pg` keeps, read at scrape time. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}

export interface MetricsSources {
  /** The API's database pool. */
  pool: () => PoolStats | undefined;
  /** Jobs waiting per queue; may fail while the database is away. */
  queueDepth: () => Promise<Record<string, number>>;
  /** HTTP requests and WebSocket queries and mutations being answered now. */
  inFlight: () => number;
}

export type Transport = 'http' | 'ws';

/** Distinct operation names kept as labels; more would let clients grow the registry without bound. */
const MAX_OPERATION_NAMES = 200;

/**
 * Prometheus metrics of one server, in a registry of its own (several servers may share a process, as in tests),
 * served as text at GET /metrics. Operation names are the client's own, so the set of names is capped.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private readonly operations: Counter<'operation' | 'transport' | 'outcome'>;
  private readonly duration: Histogram<'operation' | 'transport'>;
  private readonly subscriptions: Gauge;
  private readonly sockets: Gauge;
  private readonly refusals: Counter<'reason'>;
  private readonly httpResponses: Counter<'route' | 'status'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'dorfmarkt_' });
    this.operations = new Counter({
      name: 'dorfmarkt_graphql_operations_total',
      help: 'GraphQL operations answered, by operation name, transport and outcome (ok, or error when any error was returned).',
      labelNames: ['operation', 'transport', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'dorfmarkt_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL operation to its answer, by operation name and transport.',
      labelNames: ['operation', 'transport'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.subscriptions = new Gauge({
      name: 'dorfmarkt_graphql_active_subscriptions',
      help: 'Subscriptions currently open over WebSocket.',
      registers,
    });
    this.sockets = new Gauge({
      name: 'dorfmarkt_websocket_connections',
      help: 'WebSocket connections currently open.',
      registers,
    });
    this.refusals = new Counter({
      name: 'dorfmarkt_refused_total',
      help: 'Requests and operations refused before running, by reason (rate limit, query limit, body size).',
      labelNames: ['reason'],
      registers,
    });
    this.httpResponses = new Counter({
      name: 'dorfmarkt_http_responses_total',
      help: 'HTTP responses by route and status code.',
      labelNames: ['route', 'status'],
      registers,
    });
    new Gauge({
      name: 'dorfmarkt_in_flight',
      help: 'HTTP requests and WebSocket queries and mutations being answered now (a graceful stop waits for them).',
      registers,
      collect() {
        this.set(sources.inFlight());
      },
    });
    new Gauge({
      name: 'dorfmarkt_db_pool_connections',
      help: 'Connections of the API database pool: total open, idle, clients waiting for one, and the maximum.',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.pool();
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
        this.set({ state: 'max' }, pool.options.max ?? 0);
      },
    });
    new Gauge({
      name: 'dorfmarkt_job_queue_depth',
      help: 'Jobs waiting in each job queue this instance works on.',
      labelNames: ['queue'],
      registers,
      async collect() {
        try {
          for (const [queue, depth] of Object.entries(await sources.queueDepth())) this.set({ queue }, depth);
        } catch {
          // Keep the last values while the database is away; the pool gauge shows the outage.
        }
      },
    });
  }

  /** Records one answered operation; `name` null for an anonymous operation, undefined when none was found. */
  observeOperation(
    transport: Transport,
    name: string | null | undefined,
    seconds: number,
    ok: boolean,
  ): void {
    const operation = this.operationLabel(name);
    this.operations.inc({ operation, transport, outcome: ok ? 'ok' : 'error' });
    this.duration.observe({ operation, transport }, seconds);
  }

  refused(reason: string): void {
    this.refusals.inc({ reason });
  }

  httpResponse(route: string, status: number): void {
    this.httpResponses.inc({ route, status: String(status) });
  }

  socketOpened(): void {
    this.sockets.inc();
  }

  socketClosed(): void {
    this.sockets.dec();
  }

  /**
   * Wraps a subscription's event stream so that the gauge counts it while it is open. `return` is passed
   * through at once (an async generator would wait for the next event before finishing).
   */
  trackSubscription<T>(stream: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
    this.subscriptions.inc();
    let open = true;
    const end = () => {
      if (open) this.subscriptions.dec();
      open = false;
    };
    const tracked: AsyncIterableIterator<T> = {
      [Symbol.asyncIterator]: () => tracked,
      next: async () => {
        try {
          const result = await stream.next();
          if (result.done) end();
          return result;
        } catch (error) {
          end();
          throw error;
        }
      },
      return: async (value?: unknown) => {
        end();
        return stream.return ? stream.return(value) : { done: true, value: value as T };
      },
      throw: async (error?: unknown) => {
        end();
        if (stream.throw) return stream.throw(error);
        throw error;
      },
    };
    return tracked;
  }

  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private operationLabel(name: string | null | undefined): string {
    if (name === undefined) return '(none)';
    if (name === null) return '(anonymous)';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operationNames.add(name);
    return name;
  }
}
