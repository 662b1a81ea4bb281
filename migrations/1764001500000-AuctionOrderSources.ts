import { MigrationInterface, QueryRunner } from 'typeorm';

/** Orders made by auctions: a call auction's fills and a Dutch auction's takes. */
export class AuctionOrderSources1764001500000 implements MigrationInterface {
  name = 'AuctionOrderSources1764001500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // New enum values may be added in a transaction, as long as that transaction does not use them.
    await queryRunner.query(`ALTER TYPE "public"."order_source" ADD VALUE IF NOT EXISTS 'CALL_AUCTION'`);
    await queryRunner.query(`ALTER TYPE "public"."order_source" ADD VALUE IF NOT EXISTS 'DUTCH_AUCTION'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "orders" WHERE "source" IN ('CALL_AUCTION', 'DUTCH_AUCTION')`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9385f5fbc4bd93258863ec50d9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f363f44479320a298568050c36"`);
    await queryRunner.query(`ALTER TYPE "public"."order_source" RENAME TO "order_source_old"`);
    await queryRunner.query(`CREATE TYPE "public"."order_source" AS ENUM('DIRECT', 'POOL', 'PRICE_REQUEST')`);
    await queryRunner.query(
      `ALTER TABLE "orders" ALTER COLUMN "source" TYPE "public"."order_source" USING "source"::"text"::"public"."order_source"`,
    );
    await queryRunner.query(`DROP TYPE "public"."order_source_old"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_9385f5fbc4bd93258863ec50d9" ON "orders" ("source", "source_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f363f44479320a298568050c36" ON "orders" ("source_id", "buyer_id") WHERE "source" = 'POOL'`,
    );
  }
}
