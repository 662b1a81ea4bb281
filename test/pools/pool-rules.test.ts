import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from '../../migrations';
import { JOINABLE_STATUSES, PoolStatus } from '../../src/pools/pool.entity';
import {
  joinableFunction,
  POOL_RULE_FILES,
  poolRuleFile,
  poolRules,
  poolRulesVersion,
} from '../../src/pools/sql/pool-rules';
import { createTestDatabase, sql } from '../helpers/database';

const ROOT = join(__dirname, '..', '..');

/** The name and the body (between the dollar quotes) of the function a statement creates. */
function definition(statement: string): { name: string; body: string } {
  const name = /CREATE OR REPLACE FUNCTION (\w+)\(/.exec(statement)![1];
  const body = /AS \$\$\n?([\s\S]*?)\$\$/.exec(statement)![1];
  return { name, body };
}

describe('the pool rules in src/pools/sql', () => {
  it('are what the migrated database runs, function by function', async () => {
    const db = await sql(await createTestDatabase());
    try {
      for (const statement of poolRules()) {
        const { name, body } = definition(statement);
        const { rows } = await db.query<{ prosrc: string }>('SELECT prosrc FROM pg_proc WHERE proname = $1', [
          name,
        ]);
        expect({ name, source: rows.map((r) => r.prosrc.trim()) }).toEqual({ name, source: [body.trim()] });
      }
    } finally {
      await db.close();
    }
  });

  it('are applied by a migration written for them as they are now: a changed file needs a new one', () => {
    const applying = migrations.filter((m) => 'poolRulesVersion' in m) as Array<
      Function & { poolRulesVersion: string }
    >;
    expect(applying.length).toBeGreaterThan(0);
    expect(applying.at(-1)!.poolRulesVersion).toBe(poolRulesVersion());
  });

  it('take a pool as joinable exactly in JOINABLE_STATUSES, in SQL as in TypeScript', async () => {
    expect(joinableFunction()).toContain(JOINABLE_STATUSES.map((s) => `'${s}'`).join(', '));
    for (const file of POOL_RULE_FILES) expect(poolRuleFile(file)).not.toMatch(/'TIPPED'\s*,/);
    const db = await sql(await createTestDatabase());
    try {
      const statuses = Object.values(PoolStatus);
      const { rows } = await db.query<{ status: PoolStatus; joinable: boolean }>(
        'SELECT s AS status, pool_joinable(s) AS joinable FROM unnest($1::pool_status[]) AS s',
        [statuses],
      );
      expect(rows.filter((r) => r.joinable).map((r) => r.status)).toEqual(JOINABLE_STATUSES);
    } finally {
      await db.close();
    }
  });

  it('travel with the built code, which the migrations read them from', () => {
    for (const file of POOL_RULE_FILES) {
      const built = readFileSync(join(ROOT, 'dist', 'src', 'pools', 'sql', file), 'utf8');
      expect(built).toBe(readFileSync(join(ROOT, 'src', 'pools', 'sql', file), 'utf8'));
    }
  });
});
