import { Client } from 'pg';

/**
 * Counts every statement the API's own connection pool sends to PostgreSQL, at the pg client itself (not what
 * the ORM chooses to log). The job queue and the event listener use connections of their own and are not counted.
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
