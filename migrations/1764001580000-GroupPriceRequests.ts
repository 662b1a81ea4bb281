import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group price requests: anyone joins a request with a quantity of their own (join keys for idempotent retries, the
 * join time to list participants in order), and a request made from a pool takes the pool's product and leaves the
 * pool alone. Existing data moves to the new rule: requests made from a pool get its product; the participants of
 * older requests count as joined when the request was posted, its creator first; and the pools the old rule
 * cancelled for a request come back as they stood, where their deadline is still ahead and their product still has
 * the stock to reserve their capacity again (the close job of a pool stays queued when it is cancelled, so it
 * closes them at their deadline). Pools that cannot come back stay cancelled: their members were told.
 */
export class GroupPriceRequests1764001580000 implements MigrationInterface {
  name = 'GroupPriceRequests1764001580000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "price_request_join_keys" ("user_id" uuid NOT NULL, "idempotency_key" character varying(200) NOT NULL, "request_id" uuid NOT NULL, "quantity" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b51e0b10828d0e024244b3df37d" PRIMARY KEY ("user_id", "idempotency_key"))`,
    );
    await queryRunner.query(`ALTER TABLE "price_requests" ADD "product_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "price_request_participants" ADD "joined_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(
      `ALTER TABLE "price_requests" ADD CONSTRAINT "FK_db2c6fe51712f43e1362d5d75a0" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "price_request_join_keys" ADD CONSTRAINT "FK_b086a6ab9f93998e6945112e792" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "price_request_join_keys" ADD CONSTRAINT "FK_a58b54def2488426be60d7e71a5" FOREIGN KEY ("request_id") REFERENCES "price_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await this.migrateData(queryRunner);
  }

  private async migrateData(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE price_requests r SET product_id = p.product_id FROM pools p WHERE p.id = r.pool_id`,
    );
    await queryRunner.query(
      `UPDATE price_request_participants pp
          SET joined_at = r.created_at + CASE WHEN pp.buyer_id = r.buyer_id THEN interval '0' ELSE interval '1 millisecond' END
         FROM price_requests r WHERE r.id = pp.request_id`,
    );
    // Each pool once, locked with its product, in id order; its capacity reserved again as at its creation.
    await queryRunner.query(
      `WITH revived AS (
         SELECT p.id, p.product_id, p.capacity FROM pools p JOIN products pr ON pr.id = p.product_id
          WHERE p.status = 'CANCELLED' AND p.deadline > now() AND pr.stock >= p.capacity
            AND EXISTS (SELECT 1 FROM price_requests r WHERE r.pool_id = p.id)
          ORDER BY p.id FOR UPDATE OF p, pr),
       reserved AS (
         UPDATE products pr SET stock = pr.stock - t.total
           FROM (SELECT product_id, sum(capacity)::int AS total FROM revived GROUP BY product_id) t
          WHERE pr.id = t.product_id AND pr.stock >= t.total
         RETURNING pr.id)
       UPDATE pools p
          SET status = pool_status_for(p.committed, p.tipping_point, p.capacity),
              closed_at = NULL, revision = p.revision + 1, updated_at = now()
         FROM revived v WHERE v.id = p.id AND v.product_id IN (SELECT id FROM reserved)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "price_request_join_keys" DROP CONSTRAINT "FK_a58b54def2488426be60d7e71a5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "price_request_join_keys" DROP CONSTRAINT "FK_b086a6ab9f93998e6945112e792"`,
    );
    await queryRunner.query(`ALTER TABLE "price_requests" DROP CONSTRAINT "FK_db2c6fe51712f43e1362d5d75a0"`);
    await queryRunner.query(`ALTER TABLE "price_request_participants" DROP COLUMN "joined_at"`);
    await queryRunner.query(`ALTER TABLE "price_requests" DROP COLUMN "product_id"`);
    await queryRunner.query(`DROP TABLE "price_request_join_keys"`);
  }
}
