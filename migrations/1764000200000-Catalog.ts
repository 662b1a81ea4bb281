import { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1764000200000 implements MigrationInterface {
  name = 'Catalog1764000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "alliances" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "region" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_399af2ac4eb985fd426454df023" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "questions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "product_id" uuid NOT NULL,
                "author_id" uuid,
                "body" text NOT NULL,
                "answer_count" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_dcaac7adf4b5af7bc980ec5250" ON "questions" ("author_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d4c0cff09abe470e0c77b063cd" ON "questions" ("product_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "answers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "question_id" uuid NOT NULL,
                "author_id" uuid,
                "body" text NOT NULL,
                "by_merchant" boolean NOT NULL DEFAULT false,
                "score" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9c32cec6c71e06da0254f2226c6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3a1ad37b311f0f3bdda728e507" ON "answers" ("author_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ef992bc59211489a9dcf7f4dad" ON "answers" ("question_id", "score", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "answer_votes" (
                "answer_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "value" smallint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_35022eeadf4c190fb202ccdb7c" CHECK ("value" IN (-1, 1)),
                CONSTRAINT "PK_5ede7f08d3726f57100d59b04c1" PRIMARY KEY ("answer_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ab3699386b605aa8235fde46cc" ON "answer_votes" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "rating_totals" (
                "id" smallint NOT NULL,
                "review_count" bigint NOT NULL DEFAULT '0',
                "rating_sum" bigint NOT NULL DEFAULT '0',
                CONSTRAINT "CHK_8d08dea2c7c6a499ad83e97231" CHECK ("id" = 1),
                CONSTRAINT "PK_43b7fab1364fe90934c74a9b695" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reviewer_stats" (
                "user_id" uuid NOT NULL,
                "review_count" integer NOT NULL DEFAULT '0',
                "residual_sum" double precision NOT NULL DEFAULT '0',
                CONSTRAINT "PK_0d74afe7ddb626c6a548402e564" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "reviews" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "product_id" uuid NOT NULL,
                "author_id" uuid,
                "rating" smallint NOT NULL,
                "title" character varying(120) NOT NULL,
                "body" text NOT NULL,
                "helpful_count" integer NOT NULL DEFAULT '0',
                "residual" double precision NOT NULL DEFAULT '0',
                "reply_body" text,
                "reply_author_id" uuid,
                "replied_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_6a71dd04920605f37e9a090ef0e" UNIQUE ("product_id", "author_id"),
                CONSTRAINT "CHK_2ea381a5c2f8bef0073a48f6bd" CHECK (
                    "rating" BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_231ae565c273ee700b283f15c1d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bcf09792af070225d77a6bd046" ON "reviews" ("author_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_72d63dfbce6457287d870e099b" ON "reviews" ("product_id", "rating", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bef1c2f03f856b1ecbd1a56aa5" ON "reviews" ("product_id", "helpful_count", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_053140ac73de1b8430d48602c2" ON "reviews" ("product_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "review_helpful_votes" (
                "review_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_47cf36b8ecc9ce4981cf5958686" PRIMARY KEY ("review_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b4038c9b645454bf9debb8aae8" ON "review_helpful_votes" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "merchants"
            ADD "alliance_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "products"
            ADD "rating_count" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "products"
            ADD "rating_sum" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "products"
            ADD "rating_histogram" integer array NOT NULL DEFAULT '{0,0,0,0,0}'
        `);
    await queryRunner.query(`
            ALTER TABLE "products"
            ADD "search" tsvector
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e00688c9000381c7b1095e1019" ON "merchants" ("alliance_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0087b0dbe8d6f72d87433bbda7" ON "merchant_staff" ("merchant_id", "created_at", "user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f534c8d1c88f519e8865c450fb" ON "products" ("created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "merchants"
            ADD CONSTRAINT "FK_1a69e3937b006687258ada82c8e" FOREIGN KEY ("alliance_id") REFERENCES "alliances"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "FK_fded5709214117b2463884bff0a" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "FK_dcaac7adf4b5af7bc980ec5250e" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "answers"
            ADD CONSTRAINT "FK_677120094cf6d3f12df0b9dc5d3" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "answers"
            ADD CONSTRAINT "FK_3a1ad37b311f0f3bdda728e507f" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "answer_votes"
            ADD CONSTRAINT "FK_f0157023465e675660fd1709118" FOREIGN KEY ("answer_id") REFERENCES "answers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "answer_votes"
            ADD CONSTRAINT "FK_ab3699386b605aa8235fde46cc4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reviewer_stats"
            ADD CONSTRAINT "FK_0d74afe7ddb626c6a548402e564" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reviews"
            ADD CONSTRAINT "FK_9482e9567d8dcc2bc615981ef44" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reviews"
            ADD CONSTRAINT "FK_7efc8ac1a6389e4e9317435ad2b" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reviews"
            ADD CONSTRAINT "FK_8093c68b8af8bb9b229a440c7a4" FOREIGN KEY ("reply_author_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_helpful_votes"
            ADD CONSTRAINT "FK_bbdfc450306a8f4a9bdd66fb6be" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_helpful_votes"
            ADD CONSTRAINT "FK_b4038c9b645454bf9debb8aae83" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Hand-written: full-text search on products (a trigger keeps the tsvector; GIN indexes for search and tags).
    await queryRunner.query(`
            CREATE FUNCTION products_search_vector(title text, category text, tags text[], description text)
            RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT setweight(to_tsvector('simple', title), 'A')
                    || setweight(to_tsvector('simple', category || ' ' || array_to_string(tags, ' ')), 'B')
                    || setweight(to_tsvector('simple', description), 'C')
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION products_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search := products_search_vector(NEW.title, NEW.category, NEW.tags, NEW.description);
                RETURN NEW;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER products_search_update BEFORE INSERT OR UPDATE OF title, category, tags, description
            ON "products" FOR EACH ROW EXECUTE FUNCTION products_search_update()
        `);
    await queryRunner.query(`
            UPDATE "products" SET "search" = products_search_vector("title", "category", "tags", "description")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_products_search_gin" ON "products" USING gin ("search")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_products_tags_gin" ON "products" USING gin ("tags")
        `);
    // The one row of review totals.
    await queryRunner.query(`
            INSERT INTO "rating_totals" ("id", "review_count", "rating_sum") VALUES (1, 0, 0)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_products_tags_gin"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_products_search_gin"`);
    await queryRunner.query(`DROP TRIGGER products_search_update ON "products"`);
    await queryRunner.query(`DROP FUNCTION products_search_update()`);
    await queryRunner.query(`DROP FUNCTION products_search_vector(text, text, text[], text)`);
    await queryRunner.query(`
            ALTER TABLE "review_helpful_votes" DROP CONSTRAINT "FK_b4038c9b645454bf9debb8aae83"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_helpful_votes" DROP CONSTRAINT "FK_bbdfc450306a8f4a9bdd66fb6be"
        `);
    await queryRunner.query(`
            ALTER TABLE "reviews" DROP CONSTRAINT "FK_8093c68b8af8bb9b229a440c7a4"
        `);
    await queryRunner.query(`
            ALTER TABLE "reviews" DROP CONSTRAINT "FK_7efc8ac1a6389e4e9317435ad2b"
        `);
    await queryRunner.query(`
            ALTER TABLE "reviews" DROP CONSTRAINT "FK_9482e9567d8dcc2bc615981ef44"
        `);
    await queryRunner.query(`
            ALTER TABLE "reviewer_stats" DROP CONSTRAINT "FK_0d74afe7ddb626c6a548402e564"
        `);
    await queryRunner.query(`
            ALTER TABLE "answer_votes" DROP CONSTRAINT "FK_ab3699386b605aa8235fde46cc4"
        `);
    await queryRunner.query(`
            ALTER TABLE "answer_votes" DROP CONSTRAINT "FK_f0157023465e675660fd1709118"
        `);
    await queryRunner.query(`
            ALTER TABLE "answers" DROP CONSTRAINT "FK_3a1ad37b311f0f3bdda728e507f"
        `);
    await queryRunner.query(`
            ALTER TABLE "answers" DROP CONSTRAINT "FK_677120094cf6d3f12df0b9dc5d3"
        `);
    await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "FK_dcaac7adf4b5af7bc980ec5250e"
        `);
    await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "FK_fded5709214117b2463884bff0a"
        `);
    await queryRunner.query(`
            ALTER TABLE "merchants" DROP CONSTRAINT "FK_1a69e3937b006687258ada82c8e"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f534c8d1c88f519e8865c450fb"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0087b0dbe8d6f72d87433bbda7"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e00688c9000381c7b1095e1019"
        `);
    await queryRunner.query(`
            ALTER TABLE "products" DROP COLUMN "search"
        `);
    await queryRunner.query(`
            ALTER TABLE "products" DROP COLUMN "rating_histogram"
        `);
    await queryRunner.query(`
            ALTER TABLE "products" DROP COLUMN "rating_sum"
        `);
    await queryRunner.query(`
            ALTER TABLE "products" DROP COLUMN "rating_count"
        `);
    await queryRunner.query(`
            ALTER TABLE "merchants" DROP COLUMN "alliance_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b4038c9b645454bf9debb8aae8"
        `);
    await queryRunner.query(`
            DROP TABLE "review_helpful_votes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_053140ac73de1b8430d48602c2"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bef1c2f03f856b1ecbd1a56aa5"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_72d63dfbce6457287d870e099b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bcf09792af070225d77a6bd046"
        `);
    await queryRunner.query(`
            DROP TABLE "reviews"
        `);
    await queryRunner.query(`
            DROP TABLE "reviewer_stats"
        `);
    await queryRunner.query(`
            DROP TABLE "rating_totals"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ab3699386b605aa8235fde46cc"
        `);
    await queryRunner.query(`
            DROP TABLE "answer_votes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ef992bc59211489a9dcf7f4dad"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3a1ad37b311f0f3bdda728e507"
        `);
    await queryRunner.query(`
            DROP TABLE "answers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d4c0cff09abe470e0c77b063cd"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_dcaac7adf4b5af7bc980ec5250"
        `);
    await queryRunner.query(`
            DROP TABLE "questions"
        `);
    await queryRunner.query(`
            DROP TABLE "alliances"
        `);
  }
}
