import { MigrationInterface, QueryRunner } from 'typeorm';

export class Auctions1764001510000 implements MigrationInterface {
  name = 'Auctions1764001510000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."call_auction_status" AS ENUM('OPEN', 'CLEARED', 'NO_TRADE', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "call_auctions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "created_by_id" uuid, "status" "public"."call_auction_status" NOT NULL DEFAULT 'OPEN', "call_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "supply" jsonb NOT NULL, "total_supply" integer NOT NULL, "currency" character(3) NOT NULL, "clearing_price_minor" integer, "cleared_quantity" integer, "called_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_cc59fbbc72c1d20918ead42903" CHECK ("total_supply" > 0), CONSTRAINT "PK_cff2d7a58af8b263f8b0cb315a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3cdaa706064c3dfbfdbfd2e5c5" ON "call_auctions" ("merchant_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1acf0dcd47693450862b1e413f" ON "call_auctions" ("status", "call_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_414adfc6457ad5bf8159f9014d" ON "call_auctions" ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."dutch_auction_status" AS ENUM('SCHEDULED', 'RUNNING', 'SOLD_OUT', 'ENDED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "dutch_auctions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "created_by_id" uuid, "status" "public"."dutch_auction_status" NOT NULL DEFAULT 'RUNNING', "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "start_price_minor" integer NOT NULL, "floor_price_minor" integer NOT NULL, "decrement_minor" integer NOT NULL, "interval_seconds" integer NOT NULL, "currency" character(3) NOT NULL, "quantity" integer NOT NULL, "remaining" integer NOT NULL, "final_price_minor" integer, "ended_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_a2e373bd88d48c5ece2b88623f" CHECK ("interval_seconds" >= 1), CONSTRAINT "CHK_60598c4433b5b7bf9da3b2b0f3" CHECK ("decrement_minor" > 0), CONSTRAINT "CHK_8e23d2b1fec3d1e9bb540ddb5f" CHECK ("floor_price_minor" > 0 AND "floor_price_minor" <= "start_price_minor"), CONSTRAINT "CHK_76a9a9864cc584890076be7ce3" CHECK ("remaining" >= 0 AND "remaining" <= "quantity"), CONSTRAINT "CHK_fdf624d990771c59822070ba33" CHECK ("quantity" > 0), CONSTRAINT "PK_d0dcc15bb74f1467366d1e56e65" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_11ba80e9d3f4b096c814604272" ON "dutch_auctions" ("merchant_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_195f7da79c98f8a72f9556d423" ON "dutch_auctions" ("status", "ends_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b34656935e9f9f105bbd6eb2f3" ON "dutch_auctions" ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."limit_bid_status" AS ENUM('OPEN', 'FILLED', 'PARTIALLY_FILLED', 'UNFILLED', 'WITHDRAWN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "limit_bids" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "auction_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "quantity" integer NOT NULL, "max_unit_price_minor" integer NOT NULL, "currency" character(3) NOT NULL, "status" "public"."limit_bid_status" NOT NULL DEFAULT 'OPEN', "filled_quantity" integer NOT NULL DEFAULT '0', "idempotency_key" character varying(200) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_f1e2dc8c81d2feaaddb2e3df99" CHECK ("filled_quantity" >= 0 AND "filled_quantity" <= "quantity"), CONSTRAINT "CHK_f247f6e98b5e7838439db327e3" CHECK ("max_unit_price_minor" > 0), CONSTRAINT "CHK_348b01ad93e5912117ad3522d4" CHECK ("quantity" > 0), CONSTRAINT "PK_83d33b6495f181e7016acd4d761" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_3e472862717dc2254ad9463af3" ON "limit_bids" ("buyer_id", "idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_838aeebc264584c41d2ae2ccd5" ON "limit_bids" ("auction_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "dutch_takes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "auction_id" uuid NOT NULL, "buyer_id" uuid NOT NULL, "requested" integer NOT NULL, "quantity" integer NOT NULL, "unit_price_minor" integer NOT NULL, "order_id" uuid NOT NULL, "idempotency_key" character varying(200) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_28342dd767b9964028f7c3c80d" CHECK ("quantity" > 0), CONSTRAINT "PK_c5b8611591d9225e09ad78687c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_d0a846d1d25bb02ecd808425e5" ON "dutch_takes" ("buyer_id", "idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_726ae02d085ce10e28231f4194" ON "dutch_takes" ("auction_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "call_auctions" ADD CONSTRAINT "FK_5c8d3a8cb3f8ff86a82b989fff8" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "call_auctions" ADD CONSTRAINT "FK_3cdaa706064c3dfbfdbfd2e5c5a" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "call_auctions" ADD CONSTRAINT "FK_ebad7b293ed9cd3fc962885e4cb" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dutch_auctions" ADD CONSTRAINT "FK_3e900915cf4d9ca625f64dc9e26" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dutch_auctions" ADD CONSTRAINT "FK_11ba80e9d3f4b096c8146042727" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dutch_auctions" ADD CONSTRAINT "FK_494af7ca644a37ee0837313dda2" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "limit_bids" ADD CONSTRAINT "FK_4315f42108bdf94374830d32fb0" FOREIGN KEY ("auction_id") REFERENCES "call_auctions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "limit_bids" ADD CONSTRAINT "FK_e2d37d3d952f7bc2d5d7d8abe91" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dutch_takes" ADD CONSTRAINT "FK_bf0952ad313d8deb4e9d2ed422f" FOREIGN KEY ("auction_id") REFERENCES "dutch_auctions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dutch_takes" ADD CONSTRAINT "FK_b9e7fea6740988d94073ab04a87" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dutch_takes" DROP CONSTRAINT "FK_b9e7fea6740988d94073ab04a87"`);
    await queryRunner.query(`ALTER TABLE "dutch_takes" DROP CONSTRAINT "FK_bf0952ad313d8deb4e9d2ed422f"`);
    await queryRunner.query(`ALTER TABLE "limit_bids" DROP CONSTRAINT "FK_e2d37d3d952f7bc2d5d7d8abe91"`);
    await queryRunner.query(`ALTER TABLE "limit_bids" DROP CONSTRAINT "FK_4315f42108bdf94374830d32fb0"`);
    await queryRunner.query(`ALTER TABLE "dutch_auctions" DROP CONSTRAINT "FK_494af7ca644a37ee0837313dda2"`);
    await queryRunner.query(`ALTER TABLE "dutch_auctions" DROP CONSTRAINT "FK_11ba80e9d3f4b096c8146042727"`);
    await queryRunner.query(`ALTER TABLE "dutch_auctions" DROP CONSTRAINT "FK_3e900915cf4d9ca625f64dc9e26"`);
    await queryRunner.query(`ALTER TABLE "call_auctions" DROP CONSTRAINT "FK_ebad7b293ed9cd3fc962885e4cb"`);
    await queryRunner.query(`ALTER TABLE "call_auctions" DROP CONSTRAINT "FK_3cdaa706064c3dfbfdbfd2e5c5a"`);
    await queryRunner.query(`ALTER TABLE "call_auctions" DROP CONSTRAINT "FK_5c8d3a8cb3f8ff86a82b989fff8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_726ae02d085ce10e28231f4194"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d0a846d1d25bb02ecd808425e5"`);
    await queryRunner.query(`DROP TABLE "dutch_takes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_838aeebc264584c41d2ae2ccd5"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3e472862717dc2254ad9463af3"`);
    await queryRunner.query(`DROP TABLE "limit_bids"`);
    await queryRunner.query(`DROP TYPE "public"."limit_bid_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b34656935e9f9f105bbd6eb2f3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_195f7da79c98f8a72f9556d423"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_11ba80e9d3f4b096c814604272"`);
    await queryRunner.query(`DROP TABLE "dutch_auctions"`);
    await queryRunner.query(`DROP TYPE "public"."dutch_auction_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_414adfc6457ad5bf8159f9014d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1acf0dcd47693450862b1e413f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3cdaa706064c3dfbfdbfd2e5c5"`);
    await queryRunner.query(`DROP TABLE "call_auctions"`);
    await queryRunner.query(`DROP TYPE "public"."call_auction_status"`);
  }
}
