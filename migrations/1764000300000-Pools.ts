import { MigrationInterface, QueryRunner } from 'typeorm';

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
    // Hand-written: the pool's hot path. Joins and leaves run as one statement each (an autocommit
    // transaction), so the pool row's lock is held only while PostgreSQL works, never across a round trip
    // to the API. Every change of a pool's committed quantity happens under that lock.
    await queryRunner.query(`
            CREATE FUNCTION pool_status_for(committed integer, tipping_point integer, capacity integer)
            RETURNS pool_status LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE WHEN committed >= capacity THEN 'SOLD_OUT'::pool_status
                          WHEN committed >= tipping_point THEN 'TIPPED'::pool_status
                          ELSE 'OPEN'::pool_status END
            $$
        `);
    // Applies a batch of joins to one pool, in order, each accepted or refused on its own. A join is
    // refused whole when it does not fit; its idempotency key is kept only when it took effect.
    await queryRunner.query(`
            CREATE FUNCTION pool_join(p_pool uuid, p_users uuid[], p_quantities integer[], p_keys text[])
            RETURNS TABLE (r_user uuid, r_outcome text, r_quantity integer, r_joined_at timestamptz, r_left integer)
            LANGUAGE plpgsql AS $$
            DECLARE
              pool pools%ROWTYPE;
              previous integer;
              delta integer;
              key_pool uuid;
              key_quantity integer;
              changed boolean := false;
            BEGIN
              SELECT * INTO pool FROM pools WHERE id = p_pool FOR UPDATE;
              FOR i IN 1 .. coalesce(array_length(p_users, 1), 0) LOOP
                r_user := p_users[i];
                r_quantity := NULL;
                r_joined_at := NULL;
                r_left := pool.capacity - pool.committed;
                IF pool.id IS NULL THEN
                  r_outcome := 'NOT_FOUND';
                  RETURN NEXT;
                  CONTINUE;
                END IF;
                INSERT INTO pool_join_keys (user_id, idempotency_key, pool_id, quantity)
                  VALUES (p_users[i], p_keys[i], p_pool, p_quantities[i])
                  ON CONFLICT DO NOTHING;
                IF NOT FOUND THEN
                  SELECT k.pool_id, k.quantity INTO key_pool, key_quantity FROM pool_join_keys k
                   WHERE k.user_id = p_users[i] AND k.idempotency_key = p_keys[i];
                  r_outcome := CASE WHEN key_pool = p_pool AND key_quantity = p_quantities[i]
                                    THEN 'REPLAYED' ELSE 'KEY_REUSED' END;
                  SELECT m.quantity, m.created_at INTO r_quantity, r_joined_at FROM pool_memberships m
                   WHERE m.pool_id = p_pool AND m.user_id = p_users[i];
                  RETURN NEXT;
                  CONTINUE;
                END IF;
                previous := NULL;
                SELECT m.quantity INTO previous FROM pool_memberships m
                 WHERE m.pool_id = p_pool AND m.user_id = p_users[i];
                delta := p_quantities[i] - coalesce(previous, 0);
                r_outcome := CASE
                  WHEN pool.deadline <= clock_timestamp() THEN 'DEADLINE_PASSED'
                  WHEN pool.status NOT IN ('OPEN', 'TIPPED', 'SOLD_OUT') THEN 'NOT_OPEN'
                  WHEN p_quantities[i] > pool.capacity THEN 'ABOVE_CAPACITY'
                  WHEN pool.committed + delta <= pool.capacity THEN 'JOINED'
                  WHEN pool.committed >= pool.capacity THEN 'SOLD_OUT'
                  ELSE 'CAPACITY_EXCEEDED' END;
                IF r_outcome = 'JOINED' THEN
                  INSERT INTO pool_memberships AS m (pool_id, user_id, quantity)
                    VALUES (p_pool, p_users[i], p_quantities[i])
                    ON CONFLICT (pool_id, user_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()
                    RETURNING m.quantity, m.created_at INTO r_quantity, r_joined_at;
                  changed := changed OR delta <> 0 OR previous IS NULL;
                  pool.committed := pool.committed + delta;
                  pool.member_count := pool.member_count + CASE WHEN previous IS NULL THEN 1 ELSE 0 END;
                ELSE
                  DELETE FROM pool_join_keys k WHERE k.user_id = p_users[i] AND k.idempotency_key = p_keys[i];
                END IF;
                r_left := pool.capacity - pool.committed;
                RETURN NEXT;
              END LOOP;
              IF changed THEN
                UPDATE pools SET committed = pool.committed, member_count = pool.member_count,
                       status = pool_status_for(pool.committed, pool.tipping_point, pool.capacity),
                       revision = revision + 1, updated_at = now()
                 WHERE id = p_pool;
              END IF;
            END
            $$
        `);
    // Takes one member out of a pool before its deadline; the status may fall back (SOLD_OUT → TIPPED → OPEN).
    await queryRunner.query(`
            CREATE FUNCTION pool_leave(p_pool uuid, p_user uuid) RETURNS text LANGUAGE plpgsql AS $$
            DECLARE
              pool pools%ROWTYPE;
              gone integer;
            BEGIN
              SELECT * INTO pool FROM pools WHERE id = p_pool FOR UPDATE;
              IF NOT FOUND THEN RETURN 'NOT_FOUND'; END IF;
              IF pool.deadline <= clock_timestamp() THEN RETURN 'DEADLINE_PASSED'; END IF;
              IF pool.status NOT IN ('OPEN', 'TIPPED', 'SOLD_OUT') THEN RETURN 'NOT_OPEN'; END IF;
              DELETE FROM pool_memberships WHERE pool_id = p_pool AND user_id = p_user RETURNING quantity INTO gone;
              IF NOT FOUND THEN RETURN 'NOT_A_MEMBER'; END IF;
              UPDATE pools SET committed = committed - gone, member_count = member_count - 1,
                     status = pool_status_for(committed - gone, tipping_point, capacity),
                     revision = revision + 1, updated_at = now()
               WHERE id = p_pool;
              RETURN 'LEFT';
            END
            $$
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION pool_leave(uuid, uuid)`);
    await queryRunner.query(`DROP FUNCTION pool_join(uuid, uuid[], integer[], text[])`);
    await queryRunner.query(`DROP FUNCTION pool_status_for(integer, integer, integer)`);
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
