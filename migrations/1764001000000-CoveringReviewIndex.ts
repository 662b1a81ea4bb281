import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A product's reviews newest first, covering what the personal rating and the MOST_TRUSTED order read of each
 * (author, rating, helpful votes): the review index of a product page becomes an index-only scan instead of one
 * heap visit per review, wherever on disk the reviews of a popular product lie.
 */
export class CoveringReviewIndex1764001000000 implements MigrationInterface {
  name = 'CoveringReviewIndex1764001000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "IDX_reviews_product_newest" ON "reviews" ("product_id", "created_at" DESC, "id" DESC)
            INCLUDE ("author_id", "rating", "helpful_count")
        `);
    await queryRunner.query(`DROP INDEX "public"."IDX_053140ac73de1b8430d48602c2"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_053140ac73de1b8430d48602c2" ON "reviews" ("product_id", "created_at", "id")`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_reviews_product_newest"`);
  }
}
