import { MigrationInterface, QueryRunner } from 'typeorm';
import { applyPoolRules } from '../src/pools/sql/pool-rules';

/**
 * The pool rules (pool_status_for, pool_join, pool_leave) live in src/pools/sql/, applied from there; their status
 * lists come from JOINABLE_STATUSES through pool_joinable(status). A database created since gets them from the
 * Pools migration; one migrated before, which ran the same logic written inline, gets them here.
 */
export class PoolRulesFromFiles1764001300000 implements MigrationInterface {
  name = 'PoolRulesFromFiles1764001300000';

  /** The version of the rule files this migration was written for (poolRulesVersion). */
  static readonly poolRulesVersion = 'e33dfab984667ba9';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await applyPoolRules(queryRunner);
  }

  public async down(): Promise<void> {
    // The files hold the logic the Pools migration defined: rolling back leaves the functions as they are.
  }
}
