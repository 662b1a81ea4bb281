import { Client } from 'pg';
import { PgBoss } from 'pg-boss';
import type { Logger } from '../logger';

export type JobHandler<T extends object> = (data: T) => Promise<void>;

export interface JobQueueOptions {
  databaseUrl: string;
  logger: Logger;
  pollingIntervalSeconds?: number;
}

/**
 * Timed work on pg-boss, kept in PostgreSQL so it survives restarts. Delivery is at least once (a job whose
 * worker died runs again), so every handler must make its effect idempotent, typically with a status-guarded
 * UPDATE in the same transaction as the rest of its writes.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly queues = new Set<string>();
  private readonly pollingIntervalSeconds: number;
  private readonly databaseUrl: string;

  constructor({ databaseUrl, logger, pollingIntervalSeconds = 0.5 }: JobQueueOptions) {
    this.databaseUrl = databaseUrl;
    this.pollingIntervalSeconds = pollingIntervalSeconds;
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      max: 4,
      supervise: true,
      // How often pg-boss counts each queue's jobs (which `depth()` reports) in its supervising pass: every 10 s
      // rather than its default minute, so that the queue-depth metric follows what happens.
      superviseIntervalSeconds: 10,
      monitorIntervalSeconds: 10,
    });
    this.boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
  }

  async stop(): Promise<void> {
    // Resolves once the workers' jobs in flight have finished (or the timeout has passed).
    await this.boss.stop({ graceful: true, timeout: 5000 });
  }

  /** Registers the worker of a queue; every instance runs workers, and each job goes to one of them at a time. */
  async work<T extends object>(queue: string, handler: JobHandler<T>): Promise<void> {
    await this.ensureQueue(queue);
    await this.boss.work<T>(
      queue,
      { pollingIntervalSeconds: this.pollingIntervalSeconds, batchSize: 1 },
      async (jobs) => {
        for (const job of jobs) await handler(job.data);
      },
    );
  }

  /**
   * Runs the queue's handler with `data` at `runAt`. A `key` makes a later call for the same key and time a
   * no-op; a moved deadline schedules again with the new time, and the handler re-checks the deadline.
   */
  async schedule<T extends object>(queue: string, data: T, runAt: Date, key?: string): Promise<void> {
    await this.ensureQueue(queue);
    await this.boss.send(queue, data, {
      startAfter: runAt,
      singletonKey: key ? `${key}@${runAt.getTime()}` : undefined,
      retryLimit: 10,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: 60,
    });
  }

  /** Jobs waiting per queue (deferred ones included), as pg-boss last counted them: at most 10 s old. */
  async depth(): Promise<Record<string, number>> {
    if (this.queues.size === 0) return {};
    const queues = await this.boss.getQueues([...this.queues]);
    return Object.fromEntries(queues.map((q) => [q.name, q.queuedCount]));
  }

  /**
   * Creates the queue once. pg-boss creates a table partition per queue, and two instances starting together
   * deadlock doing so, so creation is serialised with an advisory lock and skipped when the queue exists.
   */
  private async ensureQueue(queue: string): Promise<void> {
    if (this.queues.has(queue)) return;
    const client = new Client({ connectionString: this.databaseUrl });
    // A connection lost between queries is reported as an event; the next query fails and says so.
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', ['dorfmarkt:job-queues']);
      if (!(await this.boss.getQueue(queue))) await this.boss.createQueue(queue);
    } finally {
      await client.end();
    }
    this.queues.add(queue);
  }
}
