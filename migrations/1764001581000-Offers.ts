import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offers only to those who asked: permissions per shop or category, offers as shops sent them and as each person
 * received them (the weekly cap counts these), and a subject on consent events (which shop or category a
 * permission is about). Preferences.maxOffersPerWeek becomes a real cap, 3 until a person chooses: rows stored
 * without a value (until now it only shortened the recommendations list, and could not say "never chosen") start
 * at the default; an explicit null set from now on means no cap.
 */
export class Offers1764001581000 implements MigrationInterface {
  name = 'Offers1764001581000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "merchant_id" uuid NOT NULL, "sender_id" uuid, "product_id" uuid, "title" character varying(120) NOT NULL, "body" text NOT NULL, "category" character varying(60), "valid_until" TIMESTAMP(3) WITH TIME ZONE, "delivered_count" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4c88e956195bba85977da21b8f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_609ce4675d093aa07aaf8140ba" ON "offers" ("merchant_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "offer_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "offer_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "reason" character varying(300) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d9ae563e2e542780b820c2a8f33" UNIQUE ("offer_id", "recipient_id"), CONSTRAINT "PK_cb643d37d8c712a0a8d5d9ac3c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a753fcceb1e65a9c48c8ed7ae2" ON "offer_deliveries" ("recipient_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "offer_permissions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "merchant_id" uuid, "category" character varying(60), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_be4a4eb7b5179529704513b055" CHECK (("merchant_id" IS NULL) <> ("category" IS NULL)), CONSTRAINT "PK_b2368eda014ac6b907cfa7cae1b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cf50b2ce05e13a3af8943a472b" ON "offer_permissions" ("merchant_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_123071b3acee28c6f816fff3ed" ON "offer_permissions" ("user_id", "created_at") `,
    );
    await queryRunner.query(`ALTER TABLE "consent_events" ADD "subject" character varying(200)`);
    await queryRunner.query(
      `ALTER TABLE "user_preferences" ALTER COLUMN "max_offers_per_week" SET DEFAULT '3'`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "FK_f3e034c7d8c805f8da58a36abce" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "FK_dd3cd05029772989a761c381169" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offers" ADD CONSTRAINT "FK_07d9a626265f252fc5c743c42b5" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer_deliveries" ADD CONSTRAINT "FK_7eba45fe687ab9e2acb2441f792" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer_deliveries" ADD CONSTRAINT "FK_96ce409d3f995cc641dab41b33e" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer_permissions" ADD CONSTRAINT "FK_cfed0412d4a396f37744d0bdd74" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer_permissions" ADD CONSTRAINT "FK_cf50b2ce05e13a3af8943a472b2" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `UPDATE "user_preferences" SET "max_offers_per_week" = 3 WHERE "max_offers_per_week" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "offer_permissions" DROP CONSTRAINT "FK_cf50b2ce05e13a3af8943a472b2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer_permissions" DROP CONSTRAINT "FK_cfed0412d4a396f37744d0bdd74"`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer_deliveries" DROP CONSTRAINT "FK_96ce409d3f995cc641dab41b33e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "offer_deliveries" DROP CONSTRAINT "FK_7eba45fe687ab9e2acb2441f792"`,
    );
    await queryRunner.query(`ALTER TABLE "offers" DROP CONSTRAINT "FK_07d9a626265f252fc5c743c42b5"`);
    await queryRunner.query(`ALTER TABLE "offers" DROP CONSTRAINT "FK_dd3cd05029772989a761c381169"`);
    await queryRunner.query(`ALTER TABLE "offers" DROP CONSTRAINT "FK_f3e034c7d8c805f8da58a36abce"`);
    await queryRunner.query(`ALTER TABLE "user_preferences" ALTER COLUMN "max_offers_per_week" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "consent_events" DROP COLUMN "subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_123071b3acee28c6f816fff3ed"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cf50b2ce05e13a3af8943a472b"`);
    await queryRunner.query(`DROP TABLE "offer_permissions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a753fcceb1e65a9c48c8ed7ae2"`);
    await queryRunner.query(`DROP TABLE "offer_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_609ce4675d093aa07aaf8140ba"`);
    await queryRunner.query(`DROP TABLE "offers"`);
  }
}
