import { MigrationInterface, QueryRunner } from 'typeorm';
import { trustInFunction } from '../src/trust/trust-in.sql';

/**
 * trust_in(viewer, candidates): propagated trust as one SQL function, made from the trust slice's ring fragments
 * (src/trust/trust-in.sql.ts), for every statement that needs it, in the trust slice and beyond.
 */
export class TrustIn1764001310000 implements MigrationInterface {
  name = 'TrustIn1764001310000';

  /** The version of trust_in this migration was written for (trustInVersion). */
  static readonly trustInVersion = 'dd8e3ada47dd6cfa';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(trustInFunction());
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION trust_in(uuid, uuid[])');
  }
}
