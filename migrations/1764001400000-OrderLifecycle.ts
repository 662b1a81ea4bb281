import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order lifecycle (DESIGN.md section 5): the statuses CONFIRMED, READY and COMPLETED; every order's history
 * (order_events, backfilled with each existing order's PLACED); pickup or delivery with the buyer's address; the
 * times the automatic completion and the ratings go by; two-way ratings after a trade (order_ratings); and the
 * index a shop's open orders are listed by, newest first.
 */
export class OrderLifecycle1764001400000 implements MigrationInterface {
  name = 'OrderLifecycle1764001400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."order_status" RENAME TO "order_status_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."order_status" AS ENUM('PLACED', 'CONFIRMED', 'READY', 'COMPLETED', 'CANCELLED')`,
    );
    await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "orders" ALTER COLUMN "status" TYPE "public"."order_status" USING "status"::"text"::"public"."order_status"`,
    );
    await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'PLACED'`);
    await queryRunner.query(`DROP TYPE "public"."order_status_old"`);
    await queryRunner.query(
      `CREATE TABLE "order_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "status" "public"."order_status" NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "note" text, CONSTRAINT "PK_cc1b82b0fcf1be577d9d7ecbf8b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_efd9138cc0692c48dee617d5ba" ON "order_events" ("order_id", "at", "id") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."rating_side" AS ENUM('BUYER', 'MERCHANT')`);
    await queryRunner.query(
      `CREATE TABLE "order_ratings" ("order_id" uuid NOT NULL, "side" "public"."rating_side" NOT NULL, "merchant_id" uuid NOT NULL, "buyer_id" uuid, "rater_id" uuid, "rating" smallint NOT NULL, "comment" character varying(1000), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_a3c512e328940dc062f25cff9d" CHECK ("rating" BETWEEN 1 AND 5), CONSTRAINT "PK_117db78d15f0b449f71ec5c17da" PRIMARY KEY ("order_id", "side"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_00d20789f621f33818acabea63" ON "order_ratings" ("buyer_id") WHERE "side" = 'MERCHANT'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_16ccec218e3317b4a946d0effe" ON "order_ratings" ("merchant_id") WHERE "side" = 'BUYER'`,
    );
    await queryRunner.query(`CREATE TYPE "public"."fulfilment_method" AS ENUM('PICKUP', 'DELIVERY')`);
    await queryRunner.query(
      `ALTER TABLE "orders" ADD "fulfilment_method" "public"."fulfilment_method" NOT NULL DEFAULT 'PICKUP'`,
    );
    await queryRunner.query(`ALTER TABLE "orders" ADD "delivery_address" jsonb`);
    await queryRunner.query(`ALTER TABLE "orders" ADD "ready_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "orders" ADD "completed_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "IDX_orders_merchant_open" ON "orders" ("merchant_id", "created_at", "id") WHERE "status" IN ('PLACED', 'CONFIRMED', 'READY')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f3957b5c1c38a095e8022fc6c5" ON "orders" ("merchant_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "order_events" ADD CONSTRAINT "FK_b33cbf9a59cbee112d94bcb59de" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_events" ADD CONSTRAINT "FK_5430e58760bca71c03cb85d919c" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_ratings" ADD CONSTRAINT "FK_ac2ea4d30e34d7bb72afd11cea2" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`INSERT INTO "order_events" ("order_id", "status", "at", "actor_id")
             SELECT "id", 'PLACED'::"order_status", "created_at", "buyer_id" FROM "orders"
             UNION ALL
             SELECT "id", 'CANCELLED'::"order_status", "created_at", NULL FROM "orders" WHERE "status" = 'CANCELLED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order_ratings" DROP CONSTRAINT "FK_ac2ea4d30e34d7bb72afd11cea2"`);
    await queryRunner.query(`ALTER TABLE "order_events" DROP CONSTRAINT "FK_5430e58760bca71c03cb85d919c"`);
    await queryRunner.query(`ALTER TABLE "order_events" DROP CONSTRAINT "FK_b33cbf9a59cbee112d94bcb59de"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f3957b5c1c38a095e8022fc6c5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orders_merchant_open"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "completed_at"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "ready_at"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "delivery_address"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "fulfilment_method"`);
    await queryRunner.query(`DROP TYPE "public"."fulfilment_method"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_16ccec218e3317b4a946d0effe"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_00d20789f621f33818acabea63"`);
    await queryRunner.query(`DROP TABLE "order_ratings"`);
    await queryRunner.query(`DROP TYPE "public"."rating_side"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_efd9138cc0692c48dee617d5ba"`);
    await queryRunner.query(`DROP TABLE "order_events"`);
    await queryRunner.query(`CREATE TYPE "public"."order_status_old" AS ENUM('PLACED', 'CANCELLED')`);
    await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "orders" ALTER COLUMN "status" TYPE "public"."order_status_old" USING (CASE WHEN "status" = 'CANCELLED' THEN 'CANCELLED' ELSE 'PLACED' END)::"public"."order_status_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."order_status"`);
    await queryRunner.query(`ALTER TYPE "public"."order_status_old" RENAME TO "order_status"`);
    await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'PLACED'`);
  }
}
