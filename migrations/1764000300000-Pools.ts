import { MigrationInterface, QueryRunner } from 'typeorm';
import { applyPoolRules } from '../src/pools/sql/pool-rules';

export class Pools1764000300000 implements MigrationInterface {
  name = 'Pools1764000300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."pool_status" AS ENUM(
                'OPEN',
                'TIPPED',
                'SOLD_OUT',
                'SUCCEEDED',
                'FAILED',
                'CANCELLED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "pools" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "product_id" uuid NOT NULL,
                "merchant_id" uuid NOT NULL,
                "created_by_id" uuid,
                "tiers" jsonb NOT NULL,
                "tipping_point" integer NOT NULL,
                "capacity" integer NOT NULL,
                "committed" integer NOT NULL DEFAULT '0',
                "member_count" integer NOT NULL DEFAULT '0',
                "list_price_minor" integer NOT NULL,
                "currency" character(3) NOT NULL,
                "status" "public"."pool_status" NOT NULL DEFAULT 'OPEN',
                "deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
                "final_unit_price_minor" integer,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "revision" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_c417e1f9acd8f1e3a118a8d830" CHECK ("member_count" >= 0),
                CONSTRAINT "CHK_35a1cf5c526b9beed7326b54c3" CHECK (
                    "tipping_point" > 0
                    AND "capacity" >= "tipping_point"
                ),
                CONSTRAINT "CHK_6d8bdb7f75ea487319258d5c59" CHECK (
                    "committed" >= 0
                    AND "committed" <= "capacity"
                ),
                CONSTRAINT "PK_6708c86fc389259de3ee43230ee" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_0505def090d730ef9b4487127b" ON "pools" ("merchant_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3a02017a293dd98bc163e08c0a" ON "pools" ("status", "deadline")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d967417a210911e91eabf12771" ON "pools" ("product_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_17def43da741502ede6ae389a8" ON "pools" ("created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "pool_join_keys" (
                "user_id" uuid NOT NULL,
                "idempotency_key" character varying(200) NOT NULL,
                "pool_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_060b106eb226bae26bce308114d" PRIMARY KEY ("user_id", "idempotency_key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "pool_memberships" (
                "pool_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_17aebde7f27650c7832f142afa" CHECK ("quantity" > 0),
                CONSTRAINT "PK_4b6dac66fb10dfbb66a11f767c5" PRIMARY KEY ("pool_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_7f6f02e25152291775b2d2ed31" ON "pool_memberships" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_422d7526a12ebb14eecf28b497" ON "pool_memberships" ("pool_id", "created_at", "user_id")
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_57a3cd34d705a637631d82e47d"
        `);
    await queryRunner.query(`
            ALTER TABLE "orders"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_f363f44479320a298568050c36" ON "orders" ("source_id", "buyer_id")
            WHERE "source" = 'POOL'
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_57a3cd34d705a637631d82e47d" ON "orders" ("buyer_id", "created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "pools"
            ADD CONSTRAINT "FK_47de3d6db75939c8b0702076388" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pools"
            ADD CONSTRAINT "FK_0505def090d730ef9b4487127b6" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pools"
            ADD CONSTRAINT "FK_d3f989fda8d143be814a2164a0c" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pool_join_keys"
            ADD CONSTRAINT "FK_f52ddfe2fd4b79eddc90b9140ca" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pool_join_keys"
            ADD CONSTRAINT "FK_f3bf928a7e7c68dc887d7106a6e" FOREIGN KEY ("pool_id") REFERENCES "pools"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pool_memberships"
            ADD CONSTRAINT "FK_53237439f65622eefd50cd26cc7" FOREIGN KEY ("pool_id") REFERENCES "pools"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "pool_memberships"
            ADD CONSTRAINT "FK_7f6f02e25152291775b2d2ed311" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // The pool's hot path: joins and leaves as SQL functions, kept in src/pools/sql/ and applied from there.
    await applyPoolRules(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION pool_leave(uuid, uuid)`);
    await queryRunner.query(`DROP FUNCTION pool_join(uuid, uuid[], integer[], text[])`);
    await queryRunner.query(`DROP FUNCTION pool_status_for(integer, integer, integer)`);
    await queryRunner.query(`DROP FUNCTION pool_joinable(pool_status)`);
    await queryRunner.query(`
            ALTER TABLE "pool_memberships" DROP CONSTRAINT "FK_7f6f02e25152291775b2d2ed311"
        `);
    await queryRunner.query(`
            ALTER TABLE "pool_memberships" DROP CONSTRAINT "FK_53237439f65622eefd50cd26cc7"
        `);
    await queryRunner.query(`
            ALTER TABLE "pool_join_keys" DROP CONSTRAINT "FK_f3bf928a7e7c68dc887d7106a6e"
        `);
    await queryRunner.query(`
            ALTER TABLE "pool_join_keys" DROP CONSTRAINT "FK_f52ddfe2fd4b79eddc90b9140ca"
        `);
    await queryRunner.query(`
            ALTER TABLE "pools" DROP CONSTRAINT "FK_d3f989fda8d143be814a2164a0c"
        `);
    await queryRunner.query(`
            ALTER TABLE "pools" DROP CONSTRAINT "FK_0505def090d730ef9b4487127b6"
        `);
    await queryRunner.query(`
            ALTER TABLE "pools" DROP CONSTRAINT "FK_47de3d6db75939c8b0702076388"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_57a3cd34d705a637631d82e47d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f363f44479320a298568050c36"
        `);
    await queryRunner.query(`
            ALTER TABLE "orders"
            ALTER COLUMN "created_at" TYPE TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_57a3cd34d705a637631d82e47d" ON "orders" ("buyer_id", "created_at", "id")
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_422d7526a12ebb14eecf28b497"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_7f6f02e25152291775b2d2ed31"
        `);
    await queryRunner.query(`
            DROP TABLE "pool_memberships"
        `);
    await queryRunner.query(`
            DROP TABLE "pool_join_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_17def43da741502ede6ae389a8"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d967417a210911e91eabf12771"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3a02017a293dd98bc163e08c0a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0505def090d730ef9b4487127b"
        `);
    await queryRunner.query(`
            DROP TABLE "pools"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."pool_status"
        `);
  }
}
