import { MigrationInterface, QueryRunner } from 'typeorm';
import { trustBeyondFunction } from '../src/trust/trust-in.sql';

/**
 * trust_beyond(r2, r2_trust, near, candidates): trust_in's third ring for callers that keep the viewer's rings 1
 * and 2 in memory (src/trust/trust-rings.service.ts).
 */
export class TrustBeyond1764001700000 implements MigrationInterface {
  name = 'TrustBeyond1764001700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(trustBeyondFunction());
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION trust_beyond(uuid[], float8[], uuid[], uuid[])');
  }
}
