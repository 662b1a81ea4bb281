import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A price request outlives its buyer's account: the merchants' bids and the orders awarded from it refer to it, so
 * erasure keeps it without the buyer (`buyer_id` null) instead of deleting it with the account.
 */
export class ErasedBuyers1764000520000 implements MigrationInterface {
  name = 'ErasedBuyers1764000520000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "price_requests" DROP CONSTRAINT "FK_c16fe16ec66100b363aaab687e2"
        `);
    await queryRunner.query(`
            ALTER TABLE "price_requests"
            ALTER COLUMN "buyer_id" DROP NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "price_requests"
            ADD CONSTRAINT "FK_c16fe16ec66100b363aaab687e2" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "price_requests" DROP CONSTRAINT "FK_c16fe16ec66100b363aaab687e2"
        `);
    await queryRunner.query(`
            DELETE FROM "price_requests" WHERE "buyer_id" IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "price_requests"
            ALTER COLUMN "buyer_id"
            SET NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "price_requests"
            ADD CONSTRAINT "FK_c16fe16ec66100b363aaab687e2" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }
}
