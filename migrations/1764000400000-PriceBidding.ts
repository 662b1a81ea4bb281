import { MigrationInterface, QueryRunner } from 'typeorm';

export class PriceBidding1764000400000 implements MigrationInterface {
  name = 'PriceBidding1764000400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."price_request_status" AS ENUM('OPEN', 'AWARDED', 'EXPIRED', 'CANCELLED')
        `);
    await queryRunner.query(`
            CREATE TABLE "price_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "buyer_id" uuid NOT NULL,
                "pool_id" uuid,
                "title" character varying(120) NOT NULL,
                "description" text NOT NULL,
                "category" character varying(60) NOT NULL,
                "region" character varying(80) NOT NULL,
                "quantity" integer NOT NULL,
                "max_unit_price_minor" integer,
                "currency" character(3) NOT NULL DEFAULT 'EUR',
                "deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" "public"."price_request_status" NOT NULL DEFAULT 'OPEN',
                "best_bid_id" uuid,
                "best_bid_minor" integer,
                "awarded_bid_id" uuid,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_f18884fc259f740d70296c37f5" CHECK ("max_unit_price_minor" > 0),
                CONSTRAINT "CHK_c5da24a2c0e368932a921bd384" CHECK ("quantity" > 0),
                CONSTRAINT "PK_e06bcbb16146453a200d1292919" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b9916f796e4ef42426a6a92907" ON "price_requests" ("buyer_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f5ab3478cd0e8b94dae180170d" ON "price_requests" ("status", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "bids" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "request_id" uuid NOT NULL,
                "merchant_id" uuid NOT NULL,
                "bidder_id" uuid,
                "unit_price_minor" integer NOT NULL,
                "currency" character(3) NOT NULL,
                "note" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_aef6fbe2cd87dece23b7b6aa64" CHECK ("unit_price_minor" > 0),
                CONSTRAINT "PK_7950d066d322aab3a488ac39fe5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_4fd26d5303d36dd35ff0e5f6f4" ON "bids" ("request_id", "merchant_id", "unit_price_minor")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d98b627be55017817656bd362c" ON "bids" ("request_id", "unit_price_minor", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "price_request_participants" (
                "request_id" uuid NOT NULL,
                "buyer_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                CONSTRAINT "CHK_059d2e7d308706791ddf9d4695" CHECK ("quantity" > 0),
                CONSTRAINT "PK_381aa87a14ba1a3c500f6af289b" PRIMARY KEY ("request_id", "buyer_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_af0f4ac4a2372363e357a42ee1" ON "price_request_participants" ("buyer_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "price_requests"
            ADD CONSTRAINT "FK_c16fe16ec66100b363aaab687e2" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "FK_9150e3192e864dd963b7a4ad96e" FOREIGN KEY ("request_id") REFERENCES "price_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "FK_fb141cf21354fcb9d75368588ea" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "FK_bc7e4d3d2bdc4c8d9695938d8e4" FOREIGN KEY ("bidder_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "price_request_participants"
            ADD CONSTRAINT "FK_e9310cd50f864c45c49fd5b180e" FOREIGN KEY ("request_id") REFERENCES "price_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "price_request_participants"
            ADD CONSTRAINT "FK_af0f4ac4a2372363e357a42ee10" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "price_request_participants" DROP CONSTRAINT "FK_af0f4ac4a2372363e357a42ee10"
        `);
    await queryRunner.query(`
            ALTER TABLE "price_request_participants" DROP CONSTRAINT "FK_e9310cd50f864c45c49fd5b180e"
        `);
    await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "FK_bc7e4d3d2bdc4c8d9695938d8e4"
        `);
    await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "FK_fb141cf21354fcb9d75368588ea"
        `);
    await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "FK_9150e3192e864dd963b7a4ad96e"
        `);
    await queryRunner.query(`
            ALTER TABLE "price_requests" DROP CONSTRAINT "FK_c16fe16ec66100b363aaab687e2"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_af0f4ac4a2372363e357a42ee1"
        `);
    await queryRunner.query(`
            DROP TABLE "price_request_participants"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d98b627be55017817656bd362c"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4fd26d5303d36dd35ff0e5f6f4"
        `);
    await queryRunner.query(`
            DROP TABLE "bids"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f5ab3478cd0e8b94dae180170d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b9916f796e4ef42426a6a92907"
        `);
    await queryRunner.query(`
            DROP TABLE "price_requests"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."price_request_status"
        `);
  }
}
