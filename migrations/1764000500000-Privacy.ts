import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy: the consent log and product preferences. Notifications get millisecond timestamps, the precision of
 * the keyset cursors that page through them (a microsecond tail would make a page skip rows); PostgreSQL rebuilds
 * the index on the column by itself.
 */
export class Privacy1764000500000 implements MigrationInterface {
  name = 'Privacy1764000500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "user_preferences" (
                "user_id" uuid NOT NULL,
                "avoid_tags" text array NOT NULL DEFAULT '{}',
                "interests" text array NOT NULL DEFAULT '{}',
                "max_offers_per_week" integer,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_458057fa75b66e68a275647da2e" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "consent_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "setting" character varying(40) NOT NULL,
                "previous_value" character varying(40),
                "new_value" character varying(40) NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_40ecc066035b8a4e5a6dcdfb46e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c73c5c72d05f7da2d7318da6c3" ON "consent_events" ("user_id", "created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "user_preferences"
            ADD CONSTRAINT "FK_458057fa75b66e68a275647da2e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "consent_events"
            ADD CONSTRAINT "FK_d29ae4c1054991026a01680ef3f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "consent_events" DROP CONSTRAINT "FK_d29ae4c1054991026a01680ef3f"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_preferences" DROP CONSTRAINT "FK_458057fa75b66e68a275647da2e"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_c73c5c72d05f7da2d7318da6c3"
        `);
    await queryRunner.query(`
            DROP TABLE "consent_events"
        `);
    await queryRunner.query(`
            DROP TABLE "user_preferences"
        `);
  }
}
