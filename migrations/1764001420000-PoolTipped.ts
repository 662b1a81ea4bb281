import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a pool first reached its tipping point and its members were told (POOL_TIPPED, once per pool). Pools past
 * their tipping point already count as told.
 */
export class PoolTipped1764001420000 implements MigrationInterface {
  name = 'PoolTipped1764001420000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pools" ADD "tipped_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "pools" SET "tipped_at" = "updated_at" WHERE "status" IN ('TIPPED', 'SOLD_OUT', 'SUCCEEDED')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pools" DROP COLUMN "tipped_at"`);
  }
}
