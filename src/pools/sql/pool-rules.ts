import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOINABLE_STATUSES } from '../pool.entity';

/**
 * The pool rules PostgreSQL runs, kept as SQL files beside this one (copied next to the compiled code by the
 * build) in the order they depend on each other: a pool's status from its quantity, then joins and leaves.
 */
export const POOL_RULE_FILES = ['pool_status_for.sql', 'pool_join.sql', 'pool_leave.sql'] as const;

/** The statement in a rule file, without the comments that explain it. */
export function poolRuleFile(name: (typeof POOL_RULE_FILES)[number]): string {
  return readFileSync(join(__dirname, name), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n')
    .trim();
}

/** `pool_joinable(status)`: whether a pool takes joins and leaves in `status`, made from JOINABLE_STATUSES. */
export function joinableFunction(): string {
  const statuses = JOINABLE_STATUSES.map((status) => `'${status}'`).join(', ');
  return `CREATE OR REPLACE FUNCTION pool_joinable(status pool_status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status = ANY(ARRAY[${statuses}]::pool_status[])
$$`;
}

/** Every statement that makes the database's pool rules those of this code, in order. */
export function poolRules(): string[] {
  return [joinableFunction(), ...POOL_RULE_FILES.map(poolRuleFile)];
}

/** A fingerprint of the rules: each migration that applies them records the one it was written for. */
export function poolRulesVersion(): string {
  return createHash('sha256').update(poolRules().join('\n')).digest('hex').slice(0, 16);
}

/**
 * Applies the rules (CREATE OR REPLACE), as the migrations do. Every change of a rule file comes with a new
 * migration calling this, with the new version: test/pools/pool-rules.test.ts fails until there is one. Earlier
 * migrations apply the current files too on a new database, so a file may use only the schema of the Pools
 * migration; a rule that needs more (a column added since) is created by its own migration instead.
 */
export async function applyPoolRules(queryRunner: { query(sql: string): Promise<unknown> }): Promise<void> {
  for (const statement of poolRules()) await queryRunner.query(statement);
}
