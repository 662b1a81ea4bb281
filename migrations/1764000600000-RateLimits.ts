import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request counters shared by the API instances (rate-limiter-flexible's layout: key, points, expiry in epoch
 * milliseconds). Unlogged: counters need no crash safety and are written on every request, so they skip the WAL.
 */
export class RateLimits1764000600000 implements MigrationInterface {
  name = 'RateLimits1764000600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE UNLOGGED TABLE "rate_limits" (
                "key" character varying(255) NOT NULL,
                "points" integer NOT NULL DEFAULT 0,
                "expire" bigint,
                CONSTRAINT "PK_rate_limits" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`CREATE INDEX "IDX_rate_limits_expire" ON "rate_limits" ("expire")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
  }
}
