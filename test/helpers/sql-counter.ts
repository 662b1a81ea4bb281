import { Client } from 'pg';
import { sql } from './database';

/**
 * Counts every statement the API's own connection pool sends to PostgreSQL, at the pg client itself (not what
 * the ORM chooses to log). The event listener and the job queue's own bookkeeping use connections of their own and
 * are not counted; but the work of a job (a price request closed at its deadline, a pool closed) runs on the API's
 * pool like a request does, and so do session-version lookups of a viewer not seen for a minute. To count one
 * operation alone, let the jobs due settle (`untilJobsSettle`) and make an unmeasured request first.
 */
export function countStatements(): { take(): number; restore(): void } {
  const original = Client.prototype.query;
  let count = 0;
  Client.prototype.query = function (
    this: Client & { connectionParameters?: { application_name?: string } },
    ...args: any[]
  ) {
    if (this.connectionParameters?.application_name === 'dorfmarkt') count++;
    return (original as any).apply(this, args);
  } as typeof original;
  return {
    take() {
      const n = count;
      count = 0;
      return n;
    },
    restore() {
      Client.prototype.query = original;
    },
  };
}

/** Waits until no job of the queue is running, or due within `aheadMs` (a deadline a moment away). */
export async function untilJobsSettle(
  databaseUrl: string,
  aheadMs = 2000,
  timeoutMs = 20_000,
): Promise<void> {
  const db = await sql(databaseUrl);
  try {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job
          WHERE state IN ('created', 'retry', 'active') AND start_after <= now() + $1 * interval '1 millisecond'`,
        [aheadMs],
      );
      if (rows[0].n === 0) return;
      if (Date.now() > end) throw new Error(`${rows[0].n} jobs still due after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.close();
  }
}
