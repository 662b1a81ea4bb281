import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."audience" AS ENUM('PUBLIC', 'TRUST_NETWORK', 'PRIVATE')
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying NOT NULL,
                "password_hash" character varying NOT NULL,
                "handle" character varying NOT NULL,
                "display_name" character varying NOT NULL,
                "bio" text NOT NULL DEFAULT '',
                "region" text,
                "session_version" integer NOT NULL DEFAULT '0',
                "profile_audience" "public"."audience" NOT NULL DEFAULT 'PUBLIC',
                "trust_list_audience" "public"."audience" NOT NULL DEFAULT 'TRUST_NETWORK',
                "pool_participation_audience" "public"."audience" NOT NULL DEFAULT 'TRUST_NETWORK',
                "order_history_audience" "public"."audience" NOT NULL DEFAULT 'PRIVATE',
                "accept_recommendations_from" "public"."audience" NOT NULL DEFAULT 'TRUST_NETWORK',
                "discoverable" boolean NOT NULL DEFAULT true,
                "personalization" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_6a7e5f591436179c411f5308a9" ON "users" ("handle")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" character varying NOT NULL,
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "replaced_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a7838d2ba25be1342091b6695f" ON "refresh_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3ddc983c5f7bcf132fd8732c3f" ON "refresh_tokens" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "blocks" (
                "blocker_id" uuid NOT NULL,
                "blocked_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_8f9a122b9ae6adb2956e36c132" CHECK ("blocker_id" <> "blocked_id"),
                CONSTRAINT "PK_806f6a5d38d031cdd868fd5e37e" PRIMARY KEY ("blocker_id", "blocked_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_806f6a5d38d031cdd868fd5e37" ON "blocks" ("blocked_id", "blocker_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "trust_edges" (
                "truster_id" uuid NOT NULL,
                "trustee_id" uuid NOT NULL,
                "level" smallint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_88d5752635d0b0d40d2d4e8080" CHECK ("truster_id" <> "trustee_id"),
                CONSTRAINT "CHK_d2760a35e1fa13ac5a272380ce" CHECK (
                    "level" BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_530635678222255db8df1df0da4" PRIMARY KEY ("truster_id", "trustee_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_530635678222255db8df1df0da" ON "trust_edges" ("trustee_id", "truster_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "merchants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "region" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4fd312ef25f8e05ad47bfe7ed25" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_794aa99c568ff83cd9971b9e83" ON "merchants" ("region")
        `);
    await queryRunner.query(`
            CREATE TABLE "merchant_staff" (
                "merchant_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" character varying(16) NOT NULL DEFAULT 'STAFF',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2a9a4eac448850aac7adc4f7496" PRIMARY KEY ("merchant_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_76c654718a08675d07ce75444c" ON "merchant_staff" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "products" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "merchant_id" uuid NOT NULL,
                "title" character varying NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "category" character varying NOT NULL,
                "tags" text array NOT NULL DEFAULT '{}',
                "price_minor" integer NOT NULL,
                "currency" character(3) NOT NULL DEFAULT 'EUR',
                "stock" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_f6d50898db1c2ebe70dab20536" CHECK ("price_minor" > 0),
                CONSTRAINT "CHK_aea3ee263e1d44e36e5f5b5783" CHECK ("stock" >= 0),
                CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c3932231d2385ac248d0888d95" ON "products" ("category")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_9e58fa8010d8b7294941cb45ce" ON "products" ("merchant_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."order_source" AS ENUM('DIRECT', 'POOL', 'PRICE_REQUEST')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."order_status" AS ENUM('PLACED', 'CANCELLED')
        `);
    await queryRunner.query(`
            CREATE TABLE "orders" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "buyer_id" uuid,
                "merchant_id" uuid NOT NULL,
                "product_id" uuid,
                "title" character varying NOT NULL,
                "quantity" integer NOT NULL,
                "unit_price_minor" integer NOT NULL,
                "currency" character(3) NOT NULL,
                "source" "public"."order_source" NOT NULL,
                "source_id" uuid,
                "status" "public"."order_status" NOT NULL DEFAULT 'PLACED',
                "idempotency_key" character varying(200),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_ed72de35ff8e92a3fa52ea88c7" CHECK ("quantity" > 0),
                CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_9385f5fbc4bd93258863ec50d9" ON "orders" ("source", "source_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_e7439e1686beaae26f89ba87fc" ON "orders" ("buyer_id", "idempotency_key")
            WHERE "idempotency_key" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_57a3cd34d705a637631d82e47d" ON "orders" ("buyer_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "recipient_id" uuid NOT NULL,
                "actor_id" uuid,
                "kind" character varying(40) NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}',
                "read_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_20f8b51fd9655c0b69feed5efc" ON "notifications" ("actor_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_86fce636485e51f0ff3d5e1038" ON "notifications" ("recipient_id", "created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "blocks"
            ADD CONSTRAINT "FK_74f530c6fbffc357047b263818d" FOREIGN KEY ("blocker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "blocks"
            ADD CONSTRAINT "FK_8aa6c887bed61ad10829450f2f0" FOREIGN KEY ("blocked_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trust_edges"
            ADD CONSTRAINT "FK_a8ee8de0f0a07e6460be2dc50cc" FOREIGN KEY ("truster_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "trust_edges"
            ADD CONSTRAINT "FK_92a5e8a0d33d0c0501e52869053" FOREIGN KEY ("trustee_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "merchant_staff"
            ADD CONSTRAINT "FK_fc57a1f3afae5192e52c0bbbcd2" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "merchant_staff"
            ADD CONSTRAINT "FK_76c654718a08675d07ce75444cc" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "products"
            ADD CONSTRAINT "FK_7d80d63e220c4511ab4b6595846" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "orders"
            ADD CONSTRAINT "FK_5e90e93d0e036c3fadbaefa4d0a" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "orders"
            ADD CONSTRAINT "FK_2474866c8f8e9196ff227a7cbbd" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "orders"
            ADD CONSTRAINT "FK_ac832121b6c331b084ecc4121fd" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_20f8b51fd9655c0b69feed5efc6" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_20f8b51fd9655c0b69feed5efc6"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d"
        `);
    await queryRunner.query(`
            ALTER TABLE "orders" DROP CONSTRAINT "FK_ac832121b6c331b084ecc4121fd"
        `);
    await queryRunner.query(`
            ALTER TABLE "orders" DROP CONSTRAINT "FK_2474866c8f8e9196ff227a7cbbd"
        `);
    await queryRunner.query(`
            ALTER TABLE "orders" DROP CONSTRAINT "FK_5e90e93d0e036c3fadbaefa4d0a"
        `);
    await queryRunner.query(`
            ALTER TABLE "products" DROP CONSTRAINT "FK_7d80d63e220c4511ab4b6595846"
        `);
    await queryRunner.query(`
            ALTER TABLE "merchant_staff" DROP CONSTRAINT "FK_76c654718a08675d07ce75444cc"
        `);
    await queryRunner.query(`
            ALTER TABLE "merchant_staff" DROP CONSTRAINT "FK_fc57a1f3afae5192e52c0bbbcd2"
        `);
    await queryRunner.query(`
            ALTER TABLE "trust_edges" DROP CONSTRAINT "FK_92a5e8a0d33d0c0501e52869053"
        `);
    await queryRunner.query(`
            ALTER TABLE "trust_edges" DROP CONSTRAINT "FK_a8ee8de0f0a07e6460be2dc50cc"
        `);
    await queryRunner.query(`
            ALTER TABLE "blocks" DROP CONSTRAINT "FK_8aa6c887bed61ad10829450f2f0"
        `);
    await queryRunner.query(`
            ALTER TABLE "blocks" DROP CONSTRAINT "FK_74f530c6fbffc357047b263818d"
        `);
    await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_86fce636485e51f0ff3d5e1038"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_20f8b51fd9655c0b69feed5efc"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_57a3cd34d705a637631d82e47d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e7439e1686beaae26f89ba87fc"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_9385f5fbc4bd93258863ec50d9"
        `);
    await queryRunner.query(`
            DROP TABLE "orders"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."order_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."order_source"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_9e58fa8010d8b7294941cb45ce"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_c3932231d2385ac248d0888d95"
        `);
    await queryRunner.query(`
            DROP TABLE "products"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_76c654718a08675d07ce75444c"
        `);
    await queryRunner.query(`
            DROP TABLE "merchant_staff"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_794aa99c568ff83cd9971b9e83"
        `);
    await queryRunner.query(`
            DROP TABLE "merchants"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_530635678222255db8df1df0da"
        `);
    await queryRunner.query(`
            DROP TABLE "trust_edges"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_806f6a5d38d031cdd868fd5e37"
        `);
    await queryRunner.query(`
            DROP TABLE "blocks"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3ddc983c5f7bcf132fd8732c3f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a7838d2ba25be1342091b6695f"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6a7e5f591436179c411f5308a9"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_97672ac88f789774dd47f7c8be"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."audience"
        `);
  }
}
